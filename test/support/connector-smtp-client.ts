import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';

export interface SmtpReply {
  code: number;
  text: string;
}

/**
 * A small raw SMTP client for protocol tests: every command and reply is visible, STARTTLS with a
 * chosen client certificate, and the connection can be dropped at any point (e.g. mid-DATA).
 */
export class RawSmtpClient {
  private buffer = '';
  private waiting?: () => void;
  private closed = false;

  private constructor(private socket: Socket | TLSSocket) {
    this.listen();
  }

  static async open(
    port: number,
    localAddress?: string,
  ): Promise<{ client: RawSmtpClient; greeting: SmtpReply }> {
    const socket = netConnect({ port, host: '127.0.0.1', localAddress });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawSmtpClient(socket);
    return { client, greeting: await client.reply() };
  }

  private listen(): void {
    this.socket.on('data', (d: Buffer) => {
      this.buffer += d.toString('latin1');
      this.waiting?.();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.waiting?.();
    });
    this.socket.on('error', () => undefined);
  }

  /** The next complete (possibly multi-line) reply. */
  async reply(timeoutMs = 15_000): Promise<SmtpReply> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = /^(?:\d{3}-[^\n]*\n)*(\d{3}) ([^\n]*)\n/.exec(this.buffer);
      if (m) {
        const text = m[0].replace(/\r/g, '').trimEnd();
        this.buffer = this.buffer.slice(m[0].length);
        return { code: Number(m[1]), text };
      }
      if (this.closed) throw new Error(`connection closed; unread: ${JSON.stringify(this.buffer)}`);
      if (Date.now() > deadline) throw new Error(`no reply within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  async command(line: string): Promise<SmtpReply> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  async starttls(options: ConnectionOptions): Promise<SmtpReply> {
    const reply = await this.command('STARTTLS');
    if (reply.code !== 220) return reply;
    const plain = this.socket;
    plain.removeAllListeners('data');
    const secure = tlsConnect({ socket: plain, servername: 'localhost', ...options });
    // A server killed mid-handshake can reset the socket more than once; the first error rejects
    // below, later ones must not go unhandled.
    secure.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', resolve);
      secure.once('error', reject);
    });
    this.socket = secure;
    this.listen();
    return reply;
  }

  /** Sends a whole message after DATA with dot-stuffing and the final dot. */
  async data(message: string | Buffer): Promise<SmtpReply> {
    const go = await this.command('DATA');
    if (go.code !== 354) return go;
    const text = Buffer.isBuffer(message) ? message.toString('latin1') : message;
    const stuffed = text.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    this.write(Buffer.from(`${stuffed}${stuffed.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, 'latin1'));
    return this.reply(60_000);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Drops the connection without QUIT. */
  destroy(): void {
    this.socket.destroy();
  }

  async quit(): Promise<void> {
    if (this.closed) return;
    try {
      await this.command('QUIT');
    } catch {
      // already gone
    }
    this.socket.destroy();
  }
}

/** A MIME message with optional attachments, as Exchange would relay it. */
export function mimeMessage(options: {
  from?: string;
  to?: string[];
  subject?: string;
  headers?: Record<string, string>;
  text?: string;
  html?: string;
  /** With a `contentId`, the part is an inline image of the HTML body (`cid:`). */
  attachments?: { name: string; type: string; content: Buffer; contentId?: string }[];
}): string {
  const boundary = `b-${Math.random().toString(36).slice(2)}`;
  const head = [
    `From: ${options.from ?? 'jan@zorg.example'}`,
    `To: ${(options.to ?? ['patient@example.nl']).join(', ')}`,
    `Subject: ${options.subject ?? 'Test'}`,
    `Message-ID: <${Math.random().toString(36).slice(2)}@zorg.example>`,
    'MIME-Version: 1.0',
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const attachments = options.attachments ?? [];
  const text = options.text ?? 'Hello';
  if (!attachments.length && !options.html) {
    return [...head, 'Content-Type: text/plain; charset=utf-8', '', text, ''].join('\r\n');
  }
  const parts = [
    [`Content-Type: text/plain; charset=utf-8`, '', text].join('\r\n'),
    ...(options.html
      ? [[`Content-Type: text/html; charset=utf-8`, '', options.html].join('\r\n')]
      : []),
    ...attachments.map((a) =>
      [
        `Content-Type: ${a.type}; name="${a.name}"`,
        ...(a.contentId
          ? [`Content-ID: <${a.contentId}>`, `Content-Disposition: inline; filename="${a.name}"`]
          : [`Content-Disposition: attachment; filename="${a.name}"`]),
        'Content-Transfer-Encoding: base64',
        '',
        a.content.toString('base64').replace(/.{76}/g, '$&\r\n'),
      ].join('\r\n'),
    ),
  ];
  return [
    ...head,
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    ...parts.map((p) => `--${boundary}\r\n${p}`),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
