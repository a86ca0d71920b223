import { Injectable } from '@nestjs/common';
import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { OutboxMailSummary, OutboxMailView } from '@zegel/shared';
import libmime from 'libmime';
import { simpleParser } from 'mailparser';
import { ZegelError } from '../common/zegel-error';
import { KIND_HEADER, type OutboundKind } from './mail-transport';

export type OutboxEntry = OutboxMailSummary;

/** A captured mail's name: the time it was captured, then a random UUID (so names sort by time). */
export const OUTBOX_ID = /^[0-9TZ-]+-[0-9a-f-]{36}$/;

/** Reads the captured mails of the embedded default for the admin page and the tests. */
@Injectable()
export class OutboxService {
  constructor(readonly directory: string) {}

  async list(): Promise<OutboxEntry[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.directory);
    } catch {
      return [];
    }
    const ids = names
      .filter((n) => n.endsWith('.eml'))
      .map((n) => n.slice(0, -4))
      .sort()
      .reverse();
    return Promise.all(ids.map((id) => this.entry(id)));
  }

  open(id: string): Readable {
    if (!OUTBOX_ID.test(id)) throw new ZegelError('NOT_FOUND', 'No such mail in the outbox.');
    const stream = createReadStream(join(this.directory, `${id}.eml`));
    return stream;
  }

  /** One captured mail read for people: headers unfolded and decoded, the text, attachment names. */
  async view(id: string): Promise<OutboxMailView> {
    if (!(await this.exists(id))) throw new ZegelError('NOT_FOUND', 'No such mail in the outbox.');
    const parsed = await simpleParser(this.open(id), { skipImageLinks: true, skipTextLinks: true });
    return {
      id,
      headers: parsed.headerLines.map((h) => {
        const colon = h.line.indexOf(':');
        const value = h.line
          .slice(colon + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim();
        return { name: h.line.slice(0, colon).trim(), value: libmime.decodeWords(value) };
      }),
      // mailparser turns an HTML-only mail into text itself.
      text: parsed.text ?? '',
      attachments: parsed.attachments.map((a) => a.filename ?? a.contentType),
    };
  }

  async exists(id: string): Promise<boolean> {
    if (!OUTBOX_ID.test(id)) return false;
    return fs.access(join(this.directory, `${id}.eml`)).then(
      () => true,
      () => false,
    );
  }

  private async entry(id: string): Promise<OutboxEntry> {
    const file = join(this.directory, `${id}.eml`);
    const [stat, head] = await Promise.all([fs.stat(file), readHead(file)]);
    const headers = libmime.decodeHeaders(head);
    const first = (name: string) => headers[name]?.[0]?.trim() ?? '';
    const kind = (first(KIND_HEADER.toLowerCase()) || 'other') as OutboundKind;
    return {
      id,
      kind: ['notification', 'receipt', 'dsn'].includes(kind) ? kind : 'other',
      to: first('to')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      subject: libmime.decodeWords(first('subject')),
      date: stat.mtime.toISOString(),
      size: stat.size,
    };
  }
}

async function readHead(file: string): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(16 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\r\n\r\n');
    return end >= 0 ? text.slice(0, end) : text;
  } finally {
    await handle.close();
  }
}
