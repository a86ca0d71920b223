import { Injectable } from '@nestjs/common';
import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { OutboxMailSummary } from '@zegel/shared';
import { ZegelError } from '../common/zegel-error';
import { KIND_HEADER, type OutboundKind } from './mail-transport';

export type OutboxEntry = OutboxMailSummary;

const ID = /^[0-9TZ-]+-[0-9a-f-]{36}$/;

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
    if (!ID.test(id)) throw new ZegelError('NOT_FOUND', 'No such mail in the outbox.');
    const stream = createReadStream(join(this.directory, `${id}.eml`));
    return stream;
  }

  async exists(id: string): Promise<boolean> {
    if (!ID.test(id)) return false;
    return fs.access(join(this.directory, `${id}.eml`)).then(
      () => true,
      () => false,
    );
  }

  private async entry(id: string): Promise<OutboxEntry> {
    const file = join(this.directory, `${id}.eml`);
    const [stat, head] = await Promise.all([fs.stat(file), readHead(file)]);
    const headers = parseHeaders(head);
    const kind = (headers.get(KIND_HEADER.toLowerCase()) ?? 'other') as OutboundKind;
    return {
      id,
      kind: ['notification', 'receipt', 'dsn'].includes(kind) ? kind : 'other',
      to: (headers.get('to') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      subject: decodeWords(headers.get('subject') ?? ''),
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

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** RFC 2047 encoded words, as nodemailer writes them for non-ASCII subjects. */
function decodeWords(value: string): string {
  return value.replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}
