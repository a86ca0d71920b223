import { mkdirSync, promises as fs } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { dkimSign, type DkimOptions } from './dkim.signer';
import { MailTransport } from './mail-transport';
import { withTransferEncodings } from './transfer-encoding';

/**
 * The embedded default: mail is not sent but written to `<dataDir>/outbox` as .eml files, which
 * the admin page shows. These mails carry links, digests and names, never message content. A mail
 * whose Message-ID was captured before is not written again, as a receiving server that drops
 * duplicates would not deliver it twice.
 */
export class CaptureTransport extends MailTransport {
  constructor(
    readonly directory: string,
    private readonly dkim?: DkimOptions,
  ) {
    super();
    mkdirSync(join(directory, '.seen'), { recursive: true, mode: 0o700 });
  }

  async send(mail: Mail.Options): Promise<{ messageId: string }> {
    const composer = new MailComposer(withTransferEncodings(mail)).compile();
    const seen = join(
      this.directory,
      '.seen',
      createHash('sha256').update(composer.messageId()).digest('hex'),
    );
    if (mail.messageId && (await fs.stat(seen).catch(() => null)))
      return { messageId: composer.messageId() };
    const raw = await signedBuffer(this.dkim, await composer.build());
    const id = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}`;
    const temp = join(this.directory, `.${id}.tmp`);
    const handle = await fs.open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(raw);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, join(this.directory, `${id}.eml`));
    if (mail.messageId) await fs.writeFile(seen, '', { mode: 0o600 });
    return { messageId: composer.messageId() };
  }

  async close(): Promise<void> {}
}

async function signedBuffer(dkim: DkimOptions | undefined, raw: Buffer): Promise<Buffer> {
  if (!dkim) return raw;
  const chunks: Buffer[] = [];
  for await (const chunk of dkimSign(dkim, Readable.from([raw])))
    chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
