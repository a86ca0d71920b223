import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { MailTransport } from './mail-transport';

/**
 * Sends through the organisation's smart host. STARTTLS is required unless the operator turned
 * that off explicitly (ZEGEL_RELAY_REQUIRE_TLS=false, e.g. a relay on the same host); it is never
 * dropped after a failure.
 */
export class RelayTransport extends MailTransport {
  private readonly transporter;

  constructor(url: string, requireTls: boolean, ca?: Buffer) {
    super();
    this.transporter = nodemailer.createTransport(url, {
      requireTLS: requireTls,
      ignoreTLS: false,
      tls: { minVersion: 'TLSv1.2', rejectUnauthorized: true, ...(ca ? { ca } : {}) },
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    });
  }

  async send(mail: Mail.Options): Promise<{ messageId: string }> {
    const info = await this.transporter.sendMail(mail);
    return { messageId: info.messageId };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
