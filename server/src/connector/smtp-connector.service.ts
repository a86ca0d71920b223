import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { SubmitMessageResponse } from '@zegel/shared';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { ZegelConfig } from '../config/config';
import { IntakeService } from '../messages/intake.service';
import { SubmissionRejections } from '../messages/submission-rejections.service';
import { MailFlowService } from '../policy/mail-flow/mail-flow.service';
import { MetricsService } from '../health/metrics.service';
import { VaultService } from '../vault/vault.service';
import { certificateAccepted, certificateNames } from './client-identity.util';
import { loadConnectorTls, type ConnectorTls } from './connector-tls';
import { SmtpAuthService } from './smtp-auth.service';
import { parseIpAllowlist, plainAddress, type IpAllowlist } from './ip-allowlist.util';
import { HeaderTooLargeError } from './sniff.transform';
import { NotForIntake, receiveSmtpMessage } from './smtp-message.receiver';
import { dataFailure, mailFromPhase, rcptToPhase, type ClientFacts } from './smtp-phase.util';
import { reject, verdictError, type SmtpVerdict } from './smtp-verdict';
import { UnprotectedRelay } from './unprotected-relay';

/**
 * The inbound SMTP endpoint that Exchange's outbound connector delivers to. Callbacks stay thin:
 * each phase asks a pure decision function, records the reason and answers. A message gets 250
 * only after the intake has committed it durably (or the smart host accepted unprotected mail).
 */
@Injectable()
export class SmtpConnector implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('smtp');
  private server?: SMTPServer;
  private relay?: UnprotectedRelay;
  private readonly allowlist: IpAllowlist;
  private readonly certOk = new Map<string, boolean>();
  /** Errors already logged: smtp-server may report one failed handshake more than once. */
  private readonly logged = new WeakSet<object>();
  /** The port the connector listens on (the real one when configured as 0). */
  port = 0;
  /** The certificate the connector offers in STARTTLS, once it has started. */
  tls?: Pick<ConnectorTls, 'cert' | 'development'>;

  constructor(
    private readonly config: ZegelConfig,
    private readonly intake: IntakeService,
    private readonly rules: MailFlowService,
    private readonly vault: VaultService,
    private readonly metrics: MetricsService,
    private readonly auth: SmtpAuthService,
    private readonly rejections: SubmissionRejections,
  ) {
    this.allowlist = parseIpAllowlist(config.connector.allowedIps);
  }

  async onApplicationBootstrap(): Promise<void> {
    const c = this.config.connector;
    const tls = loadConnectorTls(this.config);
    this.tls = { cert: tls.cert, development: tls.development };
    if (tls.development)
      this.logger.warn('SMTP connector uses a generated development certificate');
    if (c.unprotected === 'relay' && c.smartHostUrl) {
      this.relay = new UnprotectedRelay(
        c.smartHostUrl,
        this.config.notify.relayRequireTls,
        this.config.smarttls.caFile,
      );
    }
    const server = new SMTPServer({
      name: tls.name,
      banner: 'Zegel secure mail connector',
      key: tls.key,
      cert: tls.cert,
      ...(c.clientCertSubjects.length
        ? { requestCert: true, rejectUnauthorized: false, ...(tls.ca ? { ca: tls.ca } : {}) }
        : {}),
      minVersion: 'TLSv1.2',
      size: c.maxMessageBytes,
      authOptional: true,
      disabledCommands: this.auth.users.length ? [] : ['AUTH'],
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: false,
      logger: false,
      // smtp-server looks up the client's name (PTR) before its greeting, waiting up to 1.5 s when
      // DNS is slow or unreachable; Zegel judges a client by its address, certificate or login
      // and never uses that name.
      disableReverseLookup: true,
      closeTimeout: 5_000,
      onSecure: (socket, session, done) => {
        const tlsSocket = socket as TLSSocket;
        const accepted =
          c.clientCertSubjects.length > 0 &&
          tlsSocket.authorized &&
          certificateAccepted(
            certificateNames(tlsSocket.getPeerCertificate()),
            c.clientCertSubjects,
          );
        this.certOk.set(session.id, accepted);
        done();
      },
      onAuth: (auth, session, done) => {
        this.auth.authenticate(auth, session).then(
          (user) => done(null, { user }),
          (error: Error) => done(error),
        );
      },
      onMailFrom: (address, session, done) =>
        this.answer(session, 'MAIL', this.mailFrom(address, session), done),
      onRcptTo: (address, session, done) =>
        this.answer(
          session,
          'RCPT',
          rcptToPhase(
            this.facts(session),
            address.address,
            session.envelope.rcptTo.length,
            this.config.limits.maxRecipients,
          ),
          done,
        ),
      onData: (stream, session, done) => {
        void this.data(stream, session)
          .then(undefined, (error: unknown) => dataFailure(error))
          .then(async (verdict) => {
            await this.recordRefusal(session, verdict);
            this.answer(session, 'DATA', verdict, done);
          });
      },
      onClose: (session) => {
        this.certOk.delete(session.id);
        this.auth.sessionClosed(session.id);
      },
    });
    server.on('error', (error) => this.onServerError(error));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.config.smtp.port, this.config.smtp.host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.logger.log(`SMTP connector listening on ${this.config.smtp.host}:${this.port}`);
  }

  /**
   * Stops taking connections while the database is still open, so messages in DATA can finish
   * (up to 5 s; after that the client gets 421 and tries again, and nothing of them stays behind).
   */
  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.relay?.close();
  }

  private facts(session: SMTPServerSession): ClientFacts {
    return {
      ip: plainAddress(session.remoteAddress),
      secure: Boolean(session.secure),
      ipAllowed: this.allowlist.allows(session.remoteAddress),
      certificateAccepted: this.certOk.get(session.id) ?? false,
      user: typeof session.user === 'string' ? session.user : undefined,
    };
  }

  private mailFrom(address: SMTPServerAddress, session: SMTPServerSession): SmtpVerdict {
    const verdict = mailFromPhase(this.facts(session), this.config.connector.requireTls);
    if (verdict.kind === 'accept' && !address.address)
      return reject(550, '5.7.1 Zegel does not take mail with an empty sender', 'null sender');
    return verdict;
  }

  /**
   * Errors of client connections (failed TLS handshakes, e.g. a TLS 1.0/1.1 client; resets) are the
   * client's business: logged once, at info for resets and warn for TLS failures. Anything else is
   * an error of ours.
   */
  private onServerError(error: Error & { code?: string; remoteAddress?: string }): void {
    if (this.logged.has(error)) return;
    this.logged.add(error);
    const log = { ip: error.remoteAddress, code: error.code, reason: error.message };
    if (isTlsHandshakeError(error)) this.logger.warn(log, 'SMTP TLS handshake failed');
    else if (CLIENT_SOCKET_ERRORS.has(error.code ?? ''))
      this.logger.log(log, 'SMTP client connection error');
    else this.logger.error({ err: error }, 'SMTP server error');
  }

  private async data(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
  ): Promise<SmtpVerdict> {
    const facts = this.facts(session);
    const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
    const c = this.config.connector;
    try {
      const response: SubmitMessageResponse = await receiveSmtpMessage({
        source: stream,
        sender: sender.toLowerCase(),
        recipients,
        maxBytes: c.maxMessageBytes,
        limits: this.config.limits,
        unclassified: c.unclassified,
        classify: async (mail) => (await this.rules.classify(mail)).classification,
        known: await this.intake.knownClassifications(),
        vault: this.vault,
        submit: (receive) =>
          this.intake.submitParts(
            { sender: sender.toLowerCase(), ownerId: null, entry: 'smtp', ip: facts.ip },
            receive,
          ),
      });
      this.logger.log({ session: session.id, message: response.id }, 'accepted into the intake');
      return { kind: 'accept', reply: `2.0.0 Ok: stored by Zegel as ${response.id}` };
    } catch (error) {
      await drain(stream);
      if (error instanceof HeaderTooLargeError)
        return reject(552, '5.3.4 The header block is too large', 'header too large');
      if (!(error instanceof NotForIntake)) throw error;
      return this.notForIntake(error, sender, recipients);
    }
  }

  private async notForIntake(
    error: NotForIntake,
    sender: string,
    recipients: string[],
  ): Promise<SmtpVerdict> {
    const { decision, spool } = error;
    try {
      if (decision.kind === 'refused') return decision.verdict;
      if (!this.relay || !spool)
        return reject(
          550,
          `5.7.1 Mail classified "${decision.classification}" is not Zegel's to deliver; send it as ordinary mail`,
          'unprotected, refused by configuration',
        );
      return await this.relay.relay(
        this.vault,
        spool,
        { from: sender, to: recipients },
        decision.classification,
      );
    } finally {
      if (spool) await this.vault.deletePart(spool.blobId).catch(() => undefined);
    }
  }

  /**
   * A message refused for good in DATA is a refused submission: evidence, before the client hears
   * it. Refusals before DATA (an address not allowed to relay, no TLS) concern a connection, not a
   * message, and are logged and counted only, so strangers cannot fill the evidence log.
   */
  private async recordRefusal(session: SMTPServerSession, verdict: SmtpVerdict): Promise<void> {
    if (verdict.kind !== 'reject') return;
    await this.rejections.record({
      entry: 'smtp',
      sender: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
      ip: plainAddress(session.remoteAddress),
      code: String(verdict.code),
      reason: verdict.reason,
    });
  }

  /** Records the verdict with its reason and answers the client. */
  private answer(
    session: SMTPServerSession,
    phase: string,
    verdict: SmtpVerdict,
    done: (err?: Error | null, message?: string) => void,
  ): void {
    this.metrics.smtpVerdicts.inc({
      phase,
      code: verdict.kind === 'accept' ? '250' : String(verdict.code),
    });
    if (verdict.kind === 'accept') return verdict.reply ? done(null, verdict.reply) : done();
    const log = {
      session: session.id,
      ip: session.remoteAddress,
      phase,
      code: verdict.code,
      reason: verdict.reason,
    };
    if (verdict.kind === 'tempfail' && verdict.code === 451)
      this.logger.error(log, 'SMTP temporary failure');
    else this.logger.warn(log, 'SMTP refused');
    done(verdictError(verdict));
  }
}

const CLIENT_SOCKET_ERRORS = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'ERR_STREAM_DESTROYED',
]);

/** OpenSSL's handshake failures (protocol version, no shared cipher, bad certificate …). */
function isTlsHandshakeError(error: Error & { code?: string; library?: string }): boolean {
  return (
    /^ERR_SSL_|^ERR_TLS_/.test(error.code ?? '') ||
    error.library === 'SSL routines' ||
    /SSL routines|handshake/i.test(error.message)
  );
}

/** Reads the rest of a DATA stream away so smtp-server can send the reply (or notice the client left). */
function drain(stream: SMTPServerDataStream): Promise<void> {
  return new Promise<void>((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    stream.once('end', () => resolve());
    stream.once('close', () => resolve());
    stream.once('error', () => resolve());
    stream.resume();
  });
}
