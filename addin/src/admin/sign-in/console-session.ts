import type { AdminConsoleConfig } from '@zegel/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, requestJson, setTokenSource } from '../../common/api-client';
import { startConsoleAuth, type ConsoleAuth } from './console-auth';

/** Who the server takes the signed-in person to be (GET /api/v1/me). */
export interface ConsoleUser {
  email: string;
  name: string;
  roles: string[];
}

/** What the person may do here: everything (Zegel.Admin), the event log (Zegel.Soc), or nothing. */
export type ConsoleAccess = 'admin' | 'soc' | 'none';

export type ConsoleSession =
  | { kind: 'loading' }
  | { kind: 'development' }
  | { kind: 'not-configured' }
  | { kind: 'signed-out'; reason: 'none' | 'expired' | 'failed'; detail?: string }
  | { kind: 'signed-in'; user: ConsoleUser; access: ConsoleAccess }
  | { kind: 'failed'; error: unknown };

export function accessOf(roles: readonly string[]): ConsoleAccess {
  if (roles.includes('admin')) return 'admin';
  if (roles.includes('soc')) return 'soc';
  return 'none';
}

// One start per page load, also when React runs the effect twice.
let started: Promise<{
  config: AdminConsoleConfig;
  auth: ConsoleAuth | null;
  error?: unknown;
}> | null = null;

function start() {
  started ??= requestJson<AdminConsoleConfig>('/admin-config.json').then(async (config) => {
    if (config.signIn !== 'oidc' || !config.clientId) return { config, auth: null };
    try {
      return { config, auth: await startConsoleAuth({ ...config, clientId: config.clientId }) };
    } catch (error) {
      // A sign-in that came back refused (consent declined, a provider error): say so.
      return { config, auth: null, error };
    }
  });
  return started;
}

/**
 * The console's sign-in state. Development mode needs none (the server answers as its fixed user);
 * otherwise every API call carries the MSAL token, and a refused or unobtainable token sends the
 * person back to the sign-in page with a message.
 */
export function useConsoleSession(): {
  session: ConsoleSession;
  signIn: () => void;
  signOut: () => void;
} {
  const [session, setSession] = useState<ConsoleSession>({ kind: 'loading' });
  const [auth, setAuth] = useState<ConsoleAuth | null>(null);
  useEffect(() => {
    let current = true;
    const set = (next: ConsoleSession) => current && setSession(next);
    void (async () => {
      const { config, auth: started, error } = await start();
      if (config.signIn === 'development') return set({ kind: 'development' });
      if (!config.clientId) return set({ kind: 'not-configured' });
      if (!started) return set({ kind: 'signed-out', reason: 'failed', detail: describe(error) });
      if (current) setAuth(started);
      if (!started.signedIn) return set({ kind: 'signed-out', reason: 'none' });
      setTokenSource(
        () => started.token(),
        () => set({ kind: 'signed-out', reason: 'expired' }),
      );
      try {
        const user = await requestJson<ConsoleUser>('/api/v1/me');
        set({ kind: 'signed-in', user, access: accessOf(user.roles) });
      } catch (failure) {
        if (failure instanceof ApiError && failure.status === 401) return; // already signed out
        if (failure instanceof ApiError && failure.status === 403) {
          const user = { email: '', name: '', roles: [] };
          return set({ kind: 'signed-in', user, access: 'none' });
        }
        set({ kind: 'failed', error: failure });
      }
    })().catch((error: unknown) => set({ kind: 'failed', error }));
    return () => {
      current = false;
    };
  }, []);
  const signIn = useCallback(() => void auth?.signIn(), [auth]);
  const signOut = useCallback(() => {
    setTokenSource(null);
    void auth?.signOut();
  }, [auth]);
  return { session, signIn, signOut };
}

function describe(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  return error instanceof Error ? error.message : String(error);
}
