import {
  ConfidentialClientApplication,
  InteractionRequiredAuthError,
  LogLevel,
  type Configuration,
} from '@azure/msal-node';
import { Logger } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { ZegelError } from '../common/zegel-error';
import type { ZegelConfig } from '../config/config';
import { httpsRequest, readText } from '../common/https.util';
import { MsalNetwork } from './msal-network.adapter';

type M365Settings = NonNullable<ZegelConfig['m365']>;

/** The client credential msal-node presents: a certificate (preferred) or a secret. */
export function msalCredential(
  credential: M365Settings['credential'],
): Pick<Configuration['auth'], 'clientCertificate' | 'clientSecret'> {
  if (credential.kind === 'secret') return { clientSecret: credential.secret };
  const pem = readFileSync(credential.certFile, 'utf8');
  const certificate = new X509Certificate(pem);
  return {
    clientCertificate: {
      thumbprintSha256: certificate.fingerprint256.replace(/:/g, '').toLowerCase(),
      privateKey: readFileSync(credential.keyFile, 'utf8'),
      x5c: pem,
    },
  };
}

/**
 * Zegel's confidential client in Entra ID (msal-node): On-Behalf-Of tokens for Graph from the
 * user's token, and app-only tokens (client credentials). The authority's metadata is fetched once
 * by Zegel and handed to msal with the authority as a known authority, so msal does no cloud
 * instance discovery: only the configured authority host is ever contacted. msal keeps the tokens
 * in its in-memory cache until shortly before they expire.
 */
export class M365Identity {
  private readonly logger = new Logger('m365');
  private app?: Promise<ConfidentialClientApplication>;
  private readonly credential: ReturnType<typeof msalCredential>;

  constructor(
    private readonly settings: M365Settings,
    private readonly agent: Agent,
    private readonly graphScope: string,
  ) {
    // Read now, so a missing or unreadable key file stops the server at start.
    this.credential = msalCredential(settings.credential);
  }

  /** A Graph token for the signed-in user, exchanged for the token the user called Zegel with. */
  async onBehalfOf(userToken: string): Promise<string> {
    const app = await this.client();
    try {
      const result = await app.acquireTokenOnBehalfOf({
        oboAssertion: userToken,
        scopes: [this.graphScope],
      });
      if (!result?.accessToken) throw new Error('no access token in the answer');
      return result.accessToken;
    } catch (error) {
      throw this.refusal(error, 'on-behalf-of');
    }
  }

  /** A Graph token for Zegel itself (client credentials), e.g. to send from its mailbox. */
  async appToken(): Promise<string> {
    const app = await this.client();
    try {
      const result = await app.acquireTokenByClientCredential({ scopes: [this.graphScope] });
      if (!result?.accessToken) throw new Error('no access token in the answer');
      return result.accessToken;
    } catch (error) {
      throw this.refusal(error, 'client credentials');
    }
  }

  private client(): Promise<ConfidentialClientApplication> {
    this.app ??= this.create().catch((error: unknown) => {
      this.app = undefined; // the authority may be back on the next call
      this.logger.error({ err: error }, 'the sign-in authority cannot be reached');
      throw new ZegelError(
        'SERVICE_UNAVAILABLE',
        'Microsoft 365 sign-in cannot be reached; try again later.',
      );
    });
    return this.app;
  }

  private async create(): Promise<ConfidentialClientApplication> {
    const { authority, clientId } = this.settings;
    const metadataUrl = `${authority}/v2.0/.well-known/openid-configuration`;
    const response = await httpsRequest(this.agent, metadataUrl, { idleTimeoutMs: 10_000 });
    const text = await readText(response);
    if (response.statusCode !== 200)
      throw new Error(`${metadataUrl} answered ${response.statusCode}`);
    const metadata = JSON.parse(text) as { token_endpoint?: unknown };
    if (
      typeof metadata.token_endpoint !== 'string' ||
      !metadata.token_endpoint.startsWith('https://')
    )
      throw new Error(`${metadataUrl} names no https token endpoint`);
    return new ConfidentialClientApplication({
      auth: {
        clientId,
        authority,
        knownAuthorities: [new URL(authority).host],
        authorityMetadata: text,
        ...this.credential,
      },
      system: {
        networkClient: new MsalNetwork(this.agent),
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (_level, message) => this.logger.warn(message),
        },
      },
    });
  }

  private refusal(error: unknown, flow: string): ZegelError {
    if (error instanceof ZegelError) return error;
    const code = (error as { errorCode?: string }).errorCode ?? '';
    this.logger.warn({ flow, code, err: (error as Error).message }, 'token request refused');
    if (error instanceof InteractionRequiredAuthError || code === 'invalid_grant') {
      return new ZegelError(
        'FORBIDDEN',
        `Microsoft 365 refused Zegel access on your behalf (${code || 'interaction required'}): an administrator must grant consent to Zegel's Graph permissions.`,
      );
    }
    return new ZegelError(
      'SERVICE_UNAVAILABLE',
      `Microsoft 365 sign-in did not give Zegel a token for Graph (${flow}${code ? `: ${code}` : ''}).`,
    );
  }
}
