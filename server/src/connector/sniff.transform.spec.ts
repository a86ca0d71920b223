import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { HeaderMap } from './header-block.util';
import { HeaderTooLargeError, MAX_HEADER_BYTES, SniffTransform } from './sniff.transform';
import { LoopError, SizeExceededError } from './smtp-phase.util';

async function run(
  chunks: Buffer[],
  max: number,
  onHeaders: (h: HeaderMap) => void = () => undefined,
) {
  const sniff = new SniffTransform(max, onHeaders);
  const out: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(chunk);
      done();
    },
  });
  await pipeline(Readable.from(chunks), sniff, sink);
  return { data: Buffer.concat(out), bytes: sniff.bytes };
}

describe('SniffTransform', () => {
  const message = Buffer.from('X-Zegel-Classification: registered\r\nSubject: a\r\n\r\nbody\r\n');

  it('passes the message through unchanged, split anywhere, and sees the headers first', async () => {
    for (let cut = 1; cut < message.length; cut += 7) {
      const seen: string[] = [];
      const { data, bytes } = await run(
        [message.subarray(0, cut), message.subarray(cut)],
        1000,
        (h) => seen.push(h.get('x-zegel-classification')![0]),
      );
      expect(data.equals(message)).toBe(true);
      expect(bytes).toBe(message.length);
      expect(seen).toEqual(['registered']);
    }
  });

  it('hands over the headers of a message that is only headers', async () => {
    const seen: HeaderMap[] = [];
    const { data } = await run([Buffer.from('Subject: only')], 1000, (h) => seen.push(h));
    expect(data.toString()).toBe('Subject: only');
    expect(seen[0].get('subject')).toEqual(['only']);
  });

  it('stops past the size limit', async () => {
    await expect(run([message, Buffer.alloc(2000)], 1000)).rejects.toBeInstanceOf(
      SizeExceededError,
    );
  });

  it('stops when the header block never ends', async () => {
    const line = Buffer.from(`X-Filler: ${'a'.repeat(1000)}\r\n`);
    const chunks = Array.from(
      { length: Math.ceil(MAX_HEADER_BYTES / line.length) + 2 },
      () => line,
    );
    await expect(run(chunks, 10 * MAX_HEADER_BYTES)).rejects.toBeInstanceOf(HeaderTooLargeError);
  });

  it('lets the header check refuse the message before any byte flows on', async () => {
    const sniff = new SniffTransform(1000, () => {
      throw new LoopError();
    });
    const out: Buffer[] = [];
    sniff.on('data', (c: Buffer) => out.push(c));
    await expect(pipeline(Readable.from([message]), sniff)).rejects.toBeInstanceOf(LoopError);
    expect(out).toEqual([]);
  });
});
