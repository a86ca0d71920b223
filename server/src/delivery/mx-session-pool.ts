import type { Readable } from 'node:stream';
import {
  accepted,
  closeSession,
  failedAttempt,
  openSession,
  quitSession,
  sendOver,
  type Envelope,
  type HostOutcome,
  type MxSession,
  type MxTarget,
  type SessionSettings,
} from './mx-session.adapter';

export interface SessionPoolLimits {
  /** Mails over one session before it is ended. */
  maxMessages: number;
  /** How long an unused session stays open. */
  idleMs: number;
  /** How long after its TLS check a session may still carry a mail. */
  maxAgeMs: number;
  /** Unused sessions kept per host; more are ended. */
  maxIdlePerHost: number;
}

export const DEFAULT_SESSION_POOL_LIMITS: SessionPoolLimits = {
  maxMessages: 100,
  idleMs: 10_000,
  maxAgeMs: 60_000,
  maxIdlePerHost: 10,
};

interface PooledSession {
  key: string;
  session: MxSession;
  openedAt: number;
  sent: number;
  closed: boolean;
  idleTimer?: NodeJS.Timeout;
}

/**
 * A session serves only targets with the same host name, address, port and TLS requirement: a
 * session checked against one requirement never carries a mail that needs another (a changed
 * TLSA record or policy opens a new, newly checked session).
 */
export function sessionKey(target: MxTarget): string {
  return JSON.stringify([target.host, target.address, target.port, target.requirement ?? null]);
}

type SocketHolder = { _socket?: { ref?(): void; unref?(): void } };

/**
 * Sessions with MX hosts kept open for the next mail to the same host (Zegel's own mails in direct
 * mode: every connector message makes a notification and a sender's notice, and those go to a few
 * large providers and the organisation's own MX). Opening a session costs a TCP connection, EHLO,
 * STARTTLS with a full handshake and the TLS check; reusing one costs MAIL FROM onwards. Each
 * session was checked when it opened (`openSession`, the same checks as a session of its own) and
 * is ended after `maxMessages` mails or `maxAgeMs`, whichever comes first, or when unused for
 * `idleMs`. A session the host closed while it waited is noticed when a mail finds no answer on it:
 * the mail then goes over a new session, never in the clear and never under a weaker check.
 */
export class MxSessionPool {
  private readonly idle = new Map<string, PooledSession[]>();
  private closing = false;

  constructor(
    private readonly settings: SessionSettings,
    private readonly limits: SessionPoolLimits = DEFAULT_SESSION_POOL_LIMITS,
  ) {}

  async deliver(
    target: MxTarget,
    envelope: Envelope,
    message: () => Readable,
  ): Promise<HostOutcome> {
    const key = sessionKey(target);
    for (let pooled = this.take(key); pooled; pooled = this.take(key)) {
      try {
        return accepted(pooled.session, (await this.sendOn(pooled, envelope, message)).response);
      } catch (error) {
        // The host answered (a 4xx or 5xx): that is this mail's outcome. No answer at all: the
        // session was gone (the host closed it while it waited), so the mail goes over the next
        // one. (Had the host taken the data and then failed to answer, it may get the mail twice,
        // as from any SMTP client that retries.)
        if ((error as { responseCode?: number }).responseCode !== undefined)
          return failedAttempt(target.host, error);
      }
    }
    const opened = await openSession(target, this.settings);
    if (!opened.ok) return opened.outcome;
    const pooled = this.watch(key, opened.session);
    try {
      return accepted(pooled.session, (await this.sendOn(pooled, envelope, message)).response);
    } catch (error) {
      return failedAttempt(target.host, error);
    }
  }

  /** One mail over `pooled`: kept for the next mail once accepted, ended when anything failed. */
  private async sendOn(
    pooled: PooledSession,
    envelope: Envelope,
    message: () => Readable,
  ): ReturnType<typeof sendOver> {
    try {
      const info = await sendOver(pooled.session, envelope, message);
      this.giveBack(pooled);
      return info;
    } catch (error) {
      this.end(pooled, false);
      throw error;
    }
  }

  /** Ends every unused session (QUIT); sessions carrying a mail end when it is done. */
  close(): void {
    this.closing = true;
    for (const list of this.idle.values()) for (const pooled of list) this.end(pooled, true);
    this.idle.clear();
  }

  private watch(key: string, session: MxSession): PooledSession {
    const pooled: PooledSession = { key, session, openedAt: Date.now(), sent: 0, closed: false };
    session.connection.on('error', () => undefined);
    session.connection.on('end', () => {
      pooled.closed = true;
      this.forget(pooled);
    });
    return pooled;
  }

  private take(key: string): PooledSession | undefined {
    const list = this.idle.get(key);
    while (list?.length) {
      const pooled = list.pop()!;
      clearTimeout(pooled.idleTimer);
      if (!list.length) this.idle.delete(key);
      if (pooled.closed) continue;
      if (Date.now() - pooled.openedAt >= this.limits.maxAgeMs) {
        this.end(pooled, true);
        continue;
      }
      (pooled.session.connection as unknown as SocketHolder)._socket?.ref?.();
      return pooled;
    }
    return undefined;
  }

  private giveBack(pooled: PooledSession): void {
    pooled.sent++;
    const list = this.idle.get(pooled.key) ?? [];
    if (
      this.closing ||
      pooled.closed ||
      pooled.sent >= this.limits.maxMessages ||
      Date.now() - pooled.openedAt >= this.limits.maxAgeMs ||
      list.length >= this.limits.maxIdlePerHost
    ) {
      this.end(pooled, true);
      return;
    }
    list.push(pooled);
    this.idle.set(pooled.key, list);
    // An unused session never keeps the process alive, and ends on its own.
    (pooled.session.connection as unknown as SocketHolder)._socket?.unref?.();
    pooled.idleTimer = setTimeout(() => {
      this.forget(pooled);
      this.end(pooled, true);
    }, this.limits.idleMs);
    pooled.idleTimer.unref();
  }

  private forget(pooled: PooledSession): void {
    clearTimeout(pooled.idleTimer);
    const list = this.idle.get(pooled.key);
    const at = list?.indexOf(pooled) ?? -1;
    if (at >= 0) list!.splice(at, 1);
    if (list && !list.length) this.idle.delete(pooled.key);
  }

  private end(pooled: PooledSession, politely: boolean): void {
    if (pooled.closed) return;
    pooled.closed = true;
    clearTimeout(pooled.idleTimer);
    if (politely) quitSession(pooled.session);
    else closeSession(pooled.session);
  }
}
