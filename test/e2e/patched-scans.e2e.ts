import { MailParser } from 'mailparser';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { seededRandom } from '../support/seeded-random';

// smtp-server's end-of-DATA search and mailsplit's line search are patched (patches/, applied by
// patch-package on install) to find their next candidate with Buffer.indexOf instead of testing
// every byte. These tests hold both to what the protocol requires, over seeded random input cut
// into random pieces: the bytes that come out are exactly the ones that went in.

const pick = <T>(next: () => number, items: T[]): T => items[Math.floor(next() * items.length)];

/** Lines as a sender's message holds them: dots at line starts, lone dots, long and empty lines. */
function messageLines(next: () => number, count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = pick(next, ['', '', '', '.', '..', '...', '. ', '.\t']);
    const length = pick(next, [0, 1, 2, 3, 10, 76, 200, 998]);
    let text = '';
    for (let j = 0; j < length; j++) text += pick(next, ['a', 'Z', '.', ' ', '=', '-', '0', 'é']);
    lines.push(start + text);
  }
  return lines;
}

/** RFC 5321 4.5.2: a line that starts with a dot gets one more; the message ends with CRLF.CRLF. */
function dotStuffed(lines: string[]): Buffer {
  const body = lines.map((line) => (line.startsWith('.') ? '.' + line : line)).join('\r\n');
  return Buffer.from(`${body}\r\n.\r\n`, 'utf8');
}

/** Writes `data` in pieces of random size, waiting between some so they arrive as separate reads. */
async function writeInPieces(socket: Socket, data: Buffer, next: () => number): Promise<void> {
  for (let at = 0; at < data.length;) {
    const size = 1 + Math.floor(next() * pick(next, [3, 8, 64, 1500, 70_000]));
    const piece = data.subarray(at, at + size);
    at += piece.length;
    if (!socket.write(piece)) await new Promise((resolve) => socket.once('drain', resolve));
    if (next() < 0.3) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

it('runs with both patches applied (npm install runs patch-package)', () => {
  const beside = (id: string, file: string) =>
    readFileSync(join(dirname(require.resolve(id)), file), 'utf8');
  expect(beside('smtp-server', 'smtp-stream.js')).toContain('chunk.indexOf(LF_DOT, i)');
  expect(beside('@zone-eu/mailsplit', 'lib/message-splitter.js')).toContain(
    'chunk.indexOf(0x0a, i)',
  );
});

describe('the DATA phase of the patched smtp-server', () => {
  let server: SMTPServer;
  let port: number;
  const received: Buffer[] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(resolve)));

  /** A client connection; `waitFor(n)` resolves once n final replies have come in. */
  function client() {
    const socket = connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    let replies = '';
    socket.on('data', (d: Buffer) => (replies += d.toString('latin1')));
    const waitFor = async (count: number) => {
      while ((replies.match(/^\d{3} /gm) ?? []).length < count)
        await new Promise((resolve) => setTimeout(resolve, 1));
    };
    const quit = async () => {
      socket.end('QUIT\r\n');
      await new Promise((resolve) => socket.once('close', resolve));
      return replies;
    };
    return { socket, waitFor, quit };
  }

  /** One SMTP session sending `messages`, each its DATA cut into random pieces; the replies. */
  async function session(messages: Buffer[], next: () => number): Promise<string> {
    const { socket, waitFor, quit } = client();
    let expected = 1;
    await waitFor(expected);
    socket.write('EHLO test.example\r\n');
    await waitFor(++expected);
    for (const data of messages) {
      socket.write('MAIL FROM:<a@test.example>\r\nRCPT TO:<b@test.example>\r\nDATA\r\n');
      expected += 3;
      await waitFor(expected);
      await writeInPieces(socket, data, next);
      await waitFor(++expected);
    }
    return quit();
  }

  it.each([1, 2, 3, 4, 5, 6])('gives back every message unstuffed (seed %i)', async (seed) => {
    const next = seededRandom(seed);
    const sent = Array.from({ length: 8 }, () => messageLines(next, 1 + Math.floor(next() * 300)));
    received.length = 0;
    const replies = await session(sent.map(dotStuffed), next);
    expect(replies.match(/^250 /gm)?.length).toBeGreaterThanOrEqual(sent.length);
    expect(received.map((b) => b.toString('utf8'))).toEqual(
      sent.map((lines) => lines.join('\r\n') + '\r\n'),
    );
  });

  it('ends DATA at CRLF.CRLF only, wherever the pieces are cut', async () => {
    // Lines that look like the end but are not: a dot after a bare LF, a dot then more, "..".
    const lines = ['first', '.x', '..', 'a\n.\rb', 'last'];
    const wire = dotStuffed(lines);
    for (let cut = 1; cut < wire.length; cut++) {
      received.length = 0;
      const { socket, waitFor, quit } = client();
      await waitFor(1);
      socket.write('EHLO t\r\nMAIL FROM:<a@t.example>\r\nRCPT TO:<b@t.example>\r\nDATA\r\n');
      await waitFor(5);
      socket.write(wire.subarray(0, cut));
      await new Promise((resolve) => setTimeout(resolve, 1));
      socket.write(wire.subarray(cut));
      await waitFor(6);
      await quit();
      expect(received.map((b) => b.toString('latin1'))).toEqual([lines.join('\r\n') + '\r\n']);
    }
  });
});

/** What mailparser's 'data' event gives: the text, or an attachment with its content stream. */
interface ParsedPart {
  type: string;
  text?: string;
  content?: NodeJS.ReadableStream;
  release?: () => void;
}

describe('the line search of the patched mailsplit (through mailparser)', () => {
  /** A MIME message with a text part and a base64 attachment, lines as `width` says. */
  function mime(
    next: () => number,
    attachment: Buffer,
    width: number,
  ): { raw: Buffer; text: string } {
    const text = messageLines(next, 40).join('\r\n');
    const b64 = attachment.toString('base64');
    const lines: string[] = [];
    for (let at = 0; at < b64.length; at += width) lines.push(b64.slice(at, at + width));
    const raw = [
      'From: a@test.example',
      'To: b@test.example',
      'Subject: scan',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      text,
      '--b1',
      'Content-Type: application/octet-stream; name="data.bin"',
      'Content-Disposition: attachment; filename="data.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      ...lines,
      '--b1--',
      '',
    ].join('\r\n');
    return { raw: Buffer.from(raw, 'utf8'), text };
  }

  it.each([
    [1, 76],
    [2, 64],
    [3, 1],
    [4, 997],
    [5, 76],
  ])(
    'parses the same text and attachment bytes (seed %i, %i-character lines)',
    async (seed, width) => {
      const next = seededRandom(seed);
      const attachment = Buffer.alloc(20_000 + Math.floor(next() * 300_000));
      for (let i = 0; i < attachment.length; i++) attachment[i] = Math.floor(next() * 256);
      const { raw, text } = mime(next, attachment, width);

      const parser = new MailParser();
      let parsedText = '';
      const digests: string[] = [];
      const done = new Promise<void>((resolve, reject) => {
        parser.on('data', (part: ParsedPart) => {
          if (part.type === 'text') parsedText = part.text ?? '';
          if (part.type === 'attachment' && part.content && part.release) {
            const { content, release } = part;
            const hash = createHash('sha256');
            content.on('data', (d: Buffer) => hash.update(d));
            content.on('end', () => {
              digests.push(hash.digest('hex'));
              release();
            });
          }
        });
        parser.on('end', resolve);
        parser.on('error', reject);
      });
      for (let at = 0; at < raw.length;) {
        const size = 1 + Math.floor(next() * pick(next, [5, 100, 4096, 65_536]));
        parser.write(raw.subarray(at, at + size));
        at += size;
      }
      parser.end();
      await done;
      expect(digests).toEqual([createHash('sha256').update(attachment).digest('hex')]);
      expect(parsedText.replace(/\r?\n/g, '\n')).toBe(text.replace(/\r\n/g, '\n'));
    },
  );
});
