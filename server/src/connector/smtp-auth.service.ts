import { Injectable, Logger } from '@nestjs/common';
import type { SMTPServerAuthentication, SMTPServerSession } from 'smtp-server';
import { ZegelConfig } from '../config/config';
import { MetricsService } from '../health/metrics.service';
import { AuthFailureLimiter } from './auth-failure.limiter';
import { authClientKey, authFailureDelayMs, SESSION_AUTH_FAILURES } from './auth-limit.util';
import { checkPassword, parseAuthUsers } from './client-identity.util';
import { smtpError } from './smtp-verdict';

/**
 * SMTP AUTH with guessing limited: a locked client address (IPv6: its /64) is refused without the
 * password being looked at, so the right one does not work either; each failure is answered only
 * after a delay that doubles with the address's failures; the session closes after three failures
 * and the address locks after ZEGEL_SMTP_AUTH_MAX_FAILURES. A success never clears failures: they
 * expire only with time. Every refusal is logged at warn and counted.
 */
@Injectable()
export class SmtpAuthService {
  private readonly logger = new Logger('smtp');
  readonly users;
  /** Failed AUTH attempts per SMTP session id. */
  private readonly sessionFailures = new Map<string, number>();

  constructor(
    private readonly config: ZegelConfig,
    private readonly limiter: AuthFailureLimiter,
    private readonly metrics: MetricsService,
  ) {
    this.users = parseAuthUsers(config.connector.authUsers);
  }

  /** The user name on success; otherwise rejects with the SMTP reply (535, or 421 to close). */
  async authenticate(auth: SMTPServerAuthentication, session: SMTPServerSession): Promise<string> {
    const key = authClientKey(session.remoteAddress);
    const log = { session: session.id, ip: session.remoteAddress, key, user: auth.username };
    const locked = await this.limiter.lockedFor(key);
    if (locked > 0) {
      this.metrics.smtpAuthFailures.inc({ reason: 'locked' });
      this.logger.warn({ ...log, lockedForSeconds: locked }, 'SMTP AUTH refused: address locked');
      throw smtpError(
        421,
        `4.7.0 Too many failed authentication attempts; try again in ${locked} s`,
      );
    }
    if (checkPassword(this.users, auth.username ?? '', auth.password ?? '')) {
      this.logger.log(log, 'SMTP AUTH succeeded');
      return auth.username ?? '';
    }
    const inSession = (this.sessionFailures.get(session.id) ?? 0) + 1;
    this.sessionFailures.set(session.id, inSession);
    const { failures, lockedForSeconds } = await this.limiter.recordFailure(key);
    this.metrics.smtpAuthFailures.inc({ reason: 'invalid' });
    if (lockedForSeconds > 0 && failures === this.config.connector.authMaxFailures)
      this.metrics.smtpAuthLockouts.inc();
    this.logger.warn({ ...log, failures, inSession, lockedForSeconds }, 'SMTP AUTH failed');
    const delay = authFailureDelayMs(this.config.connector.authDelayMs, failures);
    await new Promise((resolve) => setTimeout(resolve, delay));
    if (lockedForSeconds > 0 || inSession >= SESSION_AUTH_FAILURES)
      throw smtpError(421, '4.7.0 Too many failed authentication attempts; closing the connection');
    throw smtpError(535, '5.7.8 Authentication credentials invalid');
  }

  sessionClosed(sessionId: string): void {
    this.sessionFailures.delete(sessionId);
  }
}
