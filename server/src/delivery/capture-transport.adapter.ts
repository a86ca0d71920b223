import { mkdirSync, promises as fs } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { dkimSign, type DkimOptions } from './dkim.signer';
import { MailTransport } from './mail-transport';
import { OUTBOX_ID } from './outbox.service';
import { withTransferEncodings } from './transfer-encoding';

/**
 * The embedded default: mail is not sent but written to `<dataDir>/outbox` as .eml files, which
 * the admin page shows. These mails carry links, digests and names, never message content. A mail
 * whose Message-ID was captured before is not written again, as a receiving server that drops
 * duplicates would not deliver it twice.
 *
 * Once, even when the process dies mid-send and the job runs again: before the file is written, a
 * marker under `.seen/` (named by the Message-ID's digest) records the name the mail will have. A
 * rerun that finds the marker and the file stops there; one that finds the marker without the file
 * writes it under that same name. Had the marker come after the file, a crash between the two
 * (while the thread pool waits on the database's fsyncs, that gap is wide) would write it twice.
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
    const messageId = composer.messageId();
    const seen = mail.messageId
      ? join(this.directory, '.seen', createHash('sha256').update(messageId).digest('hex'))
      : null;
    const claimed = seen ? await fs.readFile(seen, 'utf8').catch(() => null) : null;
    // An empty marker was left by an earlier version, which marked a mail only once it was written.
    if (claimed === '') return { messageId };
    if (claimed && (await exists(join(this.directory, `${claimed}.eml`)))) return { messageId };
    const id =
      claimed && OUTBOX_ID.test(claimed)
        ? claimed
        : `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}`;
    if (seen && id !== claimed) {
      // Whole or not at all (temp file, then rename). Not fsynced: it guards against a rerun after
      // the process dies, and the page cache outlives the process.
      await fs.writeFile(`${seen}.tmp`, id, { mode: 0o600 });
      await fs.rename(`${seen}.tmp`, seen);
    }
    const raw = await signedBuffer(this.dkim, await composer.build());
    const temp = join(this.directory, `.${id}.tmp`);
    await writeDurably(temp, raw);
    await fs.rename(temp, join(this.directory, `${id}.eml`));
    return { messageId };
  }

  async close(): Promise<void> {}
}

const exists = (path: string) =>
  fs.stat(path).then(
    () => true,
    () => false,
  );

/** Writes a private file and waits until it is on disk; a rerun after a crash overwrites it. */
async function writeDurably(path: string, content: Buffer): Promise<void> {
  const handle = await fs.open(path, 'w', 0o600);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function signedBuffer(dkim: DkimOptions | undefined, raw: Buffer): Promise<Buffer> {
  if (!dkim) return raw;
  const chunks: Buffer[] = [];
  for await (const chunk of dkimSign(dkim, Readable.from([raw])))
    chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
