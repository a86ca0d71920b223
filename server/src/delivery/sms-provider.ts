import { mkdirSync, promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';

/** The second channel for the CE-ID. Providers plug in behind this; the default is an outbox. */
export abstract class SmsProvider {
  abstract send(to: string, text: string): Promise<void>;
}

export interface CapturedSms {
  id: string;
  to: string;
  text: string;
  date: string;
}

/**
 * Development SMS provider: writes each text to `<dataDir>/sms-outbox` for the admin page. It holds
 * CE-IDs, so it exists only in the embedded default; a production provider sends and keeps nothing.
 */
export class OutboxSmsProvider extends SmsProvider {
  constructor(readonly directory: string) {
    super();
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  async send(to: string, text: string): Promise<void> {
    const sms: CapturedSms = { id: randomUUID(), to, text, date: new Date().toISOString() };
    const name = `${sms.date.replace(/[:.]/g, '-')}-${sms.id}.json`;
    const handle = await fs.open(join(this.directory, name), 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(sms));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async list(): Promise<CapturedSms[]> {
    const names = (await fs.readdir(this.directory))
      .filter((n) => n.endsWith('.json'))
      .sort()
      .reverse();
    return Promise.all(
      names.map(
        async (n) => JSON.parse(await fs.readFile(join(this.directory, n), 'utf8')) as CapturedSms,
      ),
    );
  }
}
