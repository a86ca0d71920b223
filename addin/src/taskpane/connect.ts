import type { AddinConfig } from '../common/addin-config';
import { ApiError } from '../common/api-client';
import type { OfficeHostInfo } from '../office/compose-mail';
import { officeSsoToken } from '../office/office-host.adapter';
import { naaToken } from './naa-token';
import { chooseSignIn, type SignInMethod } from './sign-in';
import { TaskpaneApi, type SignedInUser } from './taskpane-api';

export interface Connection {
  api: TaskpaneApi;
  user: SignedInUser;
  method: SignInMethod;
}

export class SignInUnavailableError extends Error {
  constructor() {
    super('No way to sign in from this Outlook client.');
    this.name = 'SignInUnavailableError';
  }
}

/**
 * Signs in to the Zegel API: no token when the server runs in development mode (GET /me answers
 * without one), else Nested App Authentication, else Office SSO. The server validates the token.
 */
export async function connect(host: OfficeHostInfo, config: AddinConfig): Promise<Connection> {
  const anonymous = new TaskpaneApi(() => Promise.resolve(null));
  try {
    return { api: anonymous, user: await anonymous.me(), method: 'development' };
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  const method = chooseSignIn({
    serverNeedsToken: true,
    naaSupported: host.supports('NestedAppAuth', '1.1'),
    ssoSupported: host.supports('IdentityAPI', '1.3'),
    clientId: config.clientId,
    apiScope: config.apiScope,
  });
  if (method === 'unavailable' || method === 'development') throw new SignInUnavailableError();
  const token =
    method === 'naa'
      ? () =>
          naaToken({
            clientId: config.clientId!,
            apiScope: config.apiScope!,
            authority: config.authority,
          })
      : officeSsoToken;
  const api = new TaskpaneApi(token);
  return { api, user: await api.me(), method };
}
