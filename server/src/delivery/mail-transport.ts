import type Mail from 'nodemailer/lib/mailer';

/** What kind of mail Zegel sends itself; carried in the X-Zegel-Kind header. */
export type OutboundKind = 'notification' | 'receipt' | 'dsn' | 'other';

export const KIND_HEADER = 'X-Zegel-Kind';

/** Sends Zegel's own mails (notifications, receipts). Resolves only once the mail is handed over. */
export abstract class MailTransport {
  abstract send(mail: Mail.Options): Promise<{ messageId: string }>;
  abstract close(): Promise<void>;
}
