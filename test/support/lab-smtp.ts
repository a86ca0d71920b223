import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { SecureContextOptions } from 'node:tls';

/** How one lab mail server behaves. */
export interface LabSmtpOptions {
  address: string;
  port: number;
  /** TLS settings: key, cert (with or without the intermediate), versions, ciphers, groups. */
  tls?: SecureContextOptions & { minVersion?: string; maxVersion?: string };
  /** Hide STARTTLS from the EHLO reply. */
  noStarttls?: boolean;
  /** Answer every connection with this code at the greeting (e.g. 421). */
  greetingCode?: number;
  /** Delay the greeting by this many milliseconds. */
  greetingDelayMs?: number;
  hostname?: string;
}

export interface LabMessage {
  from: string;
  to: string[];
  data: Buffer;
  /** The TLS protocol and cipher the message arrived over, or null in the clear. */
  tls: { protocol?: string; cipher?: string } | null;
}

export interface LabSmtpServer {
  address: string;
  port: number;
  /** Messages accepted so far, so a delivery test can check what arrived and how. */
  messages: LabMessage[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on its own loopback address with its own TLS settings. It accepts
 * mail, so delivery tests can use it as an MX host as well.
 */
export async function startLabSmtp(options: LabSmtpOptions): Promise<LabSmtpServer> {
  const messages: LabMessage[] = [];
  const serverOptions: SMTPServerOptions = {
    name: options.hostname ?? 'lab-mx',
    authOptional: true,
    hideSTARTTLS: !!options.noStarttls,
    disabledCommands: options.noStarttls ? ['STARTTLS', 'AUTH'] : ['AUTH'],
    logger: false,
    ...(options.tls as SMTPServerOptions),
    onConnect(_session, callback) {
      const respond = () => {
        if (options.greetingCode) {
          const error = Object.assign(new Error('Too busy, try again later'), {
            responseCode: options.greetingCode,
          });
          callback(error);
        } else callback();
      };
      if (options.greetingDelayMs) setTimeout(respond, options.greetingDelayMs).unref();
      else respond();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const cipher = session.secure
          ? (session as unknown as { tlsOptions?: { name?: string; version?: string } }).tlsOptions
          : null;
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks),
          tls: cipher ? { cipher: cipher.name, protocol: cipher.version } : null,
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.address, () => {
      server.server.removeListener('error', onError);
      resolve();
    });
  });
  return {
    address: options.address,
    port: options.port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
