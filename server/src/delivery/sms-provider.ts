import { mkdirSync, promises as fs } from 'node:fs';
import { join } from 'node:path';

/** What the provider said about one text. */
export interface SmsReceipt {
  /** The reference the provider files the text under (ours, passed along). */
  reference: string;
  /** `accepted` once handed over; the provider's delivery report may say more later. */
  status: string;
}

/**
 * The second channel for the CE-ID. `reference` is stable for one text however often a job reruns,
 * so a provider (or the outbox) can spot a repeat. A provider rejects with a RetryLaterError or
 * another error to have the job queue try again, or a PermanentJobError when retrying cannot help.
 */
export abstract class SmsProvider {
  abstract send(to: string, text: string, reference: string): Promise<SmsReceipt>;
}

export interface CapturedSms {
  id: string;
  to: string;
  text: string;
  date: string;
}

/**
 * Development SMS provider: writes each text to `<dataDir>/sms-outbox` for the admin page. It holds
 * CE-IDs in the clear, so configuration allows it only in development mode. A text with a reference
 * already in the outbox is not written again.
 */
export class OutboxSmsProvider extends SmsProvider {
  constructor(readonly directory: string) {
    super();
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  async send(to: string, text: string, reference: string): Promise<SmsReceipt> {
    const id = reference.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
    const sms: CapturedSms = { id, to, text, date: new Date().toISOString() };
    let handle;
    try {
      handle = await fs.open(join(this.directory, `sms-${id}.json`), 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        return { reference: id, status: 'accepted' };
      throw error;
    }
    try {
      await handle.writeFile(JSON.stringify(sms));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { reference: id, status: 'accepted' };
  }

  async list(): Promise<CapturedSms[]> {
    const names = (await fs.readdir(this.directory)).filter((n) => n.endsWith('.json'));
    const all = await Promise.all(
      names.map(
        async (n) => JSON.parse(await fs.readFile(join(this.directory, n), 'utf8')) as CapturedSms,
      ),
    );
    return all.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  }
}
