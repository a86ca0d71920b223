import { MailParser } from 'mailparser';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { seededRandom } from '../support/seeded-random';

// smtp-server's end-of-DATA search and mailsplit's line search are patched (patches/, applied by
// patch-package on install) to find their next candidate with Buffer.indexOf instead of testing
// every byte; mailsplit takes the lines of a body that cannot be delimiters in one step, and
// libbase64's stream decoder hands MIME's regular lines to Buffer.from() whole. These tests hold
// them to what the protocol requires, over seeded random input cut into random pieces: the bytes
// that come out are exactly the ones that went in.

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

/** The libbase64 that mailsplit itself loads. */
const mailsplitDir = dirname(require.resolve('@zone-eu/mailsplit'));
const libbase64Path = require.resolve('libbase64', { paths: [mailsplitDir] });

it('runs with the patches applied (npm install runs patch-package)', () => {
  const beside = (id: string, file: string) =>
    readFileSync(join(dirname(require.resolve(id)), file), 'utf8');
  expect(beside('smtp-server', 'smtp-stream.js')).toContain('chunk.indexOf(LF_DOT, i)');
  const splitter = beside('@zone-eu/mailsplit', 'lib/message-splitter.js');
  expect(splitter).toContain('chunk.indexOf(0x0a, i)');
  expect(splitter).toContain('plainBodyLinesEnd(chunk, i)');
  expect(readFileSync(libbase64Path, 'utf8')).toContain('_decodeLines(chunk)');
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

/** Parses `raw` with mailparser, written in pieces of random size; its text and attachments. */
async function parseInPieces(
  raw: Buffer,
  next: () => number,
  sizes: number[],
): Promise<{ text: string; attachments: Buffer[] }> {
  const parser = new MailParser();
  let text = '';
  const attachments: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    parser.on('data', (part: ParsedPart) => {
      if (part.type === 'text') text = part.text ?? '';
      if (part.type === 'attachment' && part.content && part.release) {
        const { content, release } = part;
        const chunks: Buffer[] = [];
        content.on('data', (d: Buffer) => chunks.push(d));
        content.on('end', () => {
          attachments.push(Buffer.concat(chunks));
          release();
        });
      }
    });
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  for (let at = 0; at < raw.length;) {
    const size = 1 + Math.floor(next() * pick(next, sizes));
    parser.write(raw.subarray(at, at + size));
    at += size;
  }
  parser.end();
  await done;
  return { text, attachments };
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

      const parsed = await parseInPieces(raw, next, [5, 100, 4096, 65_536]);
      const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
      expect(parsed.attachments.map(sha256)).toEqual([sha256(attachment)]);
      expect(parsed.text.replace(/\r?\n/g, '\n')).toBe(text.replace(/\r\n/g, '\n'));
    },
  );
});

describe('the body step of the patched mailsplit', () => {
  /** Lines that come close to a delimiter of "b1" or "b2" without being one. */
  const nearDelimiters = [
    '--',
    '-',
    '--b',
    '--b1x',
    ' --b1',
    '-- ',
    '--b1 x',
    '\r--b',
    'x--b1',
    '---b1',
  ];

  /** A nested message whose text parts hold such lines; the parts' expected texts. */
  function nested(next: () => number): { raw: string; texts: string[]; attachment: Buffer } {
    const line = () =>
      next() < 0.3 ? pick(next, nearDelimiters) : messageLines(next, 1)[0].replace(/^\.+/, '');
    const text = () => Array.from({ length: 1 + Math.floor(next() * 60) }, line).join('\r\n');
    const texts = [text(), text(), text()];
    const attachment = Buffer.alloc(5_000 + Math.floor(next() * 50_000));
    for (let i = 0; i < attachment.length; i++) attachment[i] = Math.floor(next() * 256);
    const b64 = (attachment.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
    const raw = [
      'From: a@test.example',
      'To: b@test.example',
      'Subject: nested',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: multipart/alternative; boundary="b2"',
      '',
      '--b2',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      texts[0],
      '--b2--',
      '--b1',
      'Content-Type: text/plain; name="one.txt"',
      'Content-Disposition: attachment; filename="one.txt"',
      'Content-Transfer-Encoding: 8bit',
      '',
      texts[1],
      '--b1',
      'Content-Type: application/octet-stream; name="data.bin"',
      'Content-Disposition: attachment; filename="data.bin"',
      'Content-Transfer-Encoding: base64',
      '',
      b64,
      '--b1',
      'Content-Type: text/plain; name="two.txt"',
      'Content-Disposition: attachment; filename="two.txt"',
      'Content-Transfer-Encoding: 8bit',
      '',
      texts[2],
      '--b1--',
      '',
    ].join('\r\n');
    return { raw, texts, attachment };
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'ends every part at its delimiter and nowhere else (seed %i)',
    async (seed) => {
      const next = seededRandom(seed);
      const { raw, texts, attachment } = nested(next);
      const { text, attachments } = await parseInPieces(
        Buffer.from(raw, 'utf8'),
        next,
        [2, 7, 100, 4096, 65_536],
      );
      expect(text).toBe(texts[0].replace(/\r\n/g, '\n'));
      expect(attachments.map((a) => a.toString('utf8'))[0]).toBe(texts[1]);
      expect(attachments[1].equals(attachment)).toBe(true);
      expect(attachments[2].toString('utf8')).toBe(texts[2]);
    },
  );
});

describe('the stream decoder of the patched libbase64', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const libbase64 = require(libbase64Path) as {
    Decoder: new () => import('node:stream').Transform;
    decode(text: string): Buffer;
  };

  /** What the decoder must give: every character that is no base64 digit or "=" dropped first. */
  const reference = (input: Buffer) =>
    libbase64.decode(input.toString('latin1').replace(/[^a-zA-Z0-9+/=]/g, ''));

  /** Decodes `input` written in random pieces; the output and the bytes the general way saw. */
  async function decodeInPieces(input: Buffer, next: () => number) {
    const decoder = new libbase64.Decoder();
    const general = jest.spyOn(
      decoder as unknown as { _decodeText(c: Buffer): void },
      '_decodeText',
    );
    const chunks: Buffer[] = [];
    decoder.on('data', (d: Buffer) => chunks.push(d));
    const ended = new Promise((resolve) => decoder.on('end', resolve));
    for (let at = 0; at < input.length;) {
      const size = 1 + Math.floor(next() * pick(next, [3, 80, 4096, 70_000]));
      decoder.write(input.subarray(at, at + size));
      at += size;
    }
    decoder.end();
    await ended;
    const slow = general.mock.calls.reduce((sum, [chunk]) => sum + chunk.length, 0);
    return { output: Buffer.concat(chunks), slow };
  }

  /** Random bytes as base64 in lines of `width` characters ended by `eol`. */
  function lines(next: () => number, bytes: number, width: number, eol: string): Buffer {
    const data = Buffer.alloc(bytes);
    for (let i = 0; i < bytes; i++) data[i] = Math.floor(next() * 256);
    const text = data.toString('base64');
    const out: string[] = [];
    for (let at = 0; at < text.length; at += width) out.push(text.slice(at, at + width));
    return Buffer.from(out.join(eol), 'latin1');
  }

  it.each([1, 2, 3, 4])(
    'decodes MIME lines in one step, with only the last line left to the general way (seed %i)',
    async (seed) => {
      const next = seededRandom(seed);
      const width = pick(next, [76, 64, 4, 996]);
      const input = lines(next, 1 + Math.floor(next() * 300_000), width, '\r\n');
      const { output, slow } = await decodeInPieces(input, next);
      expect(output.equals(reference(input))).toBe(true);
      // Only bytes after the last line break (and a first piece that held no line) go the
      // general way; everything else is decoded without building a string of its digits.
      expect(slow).toBeLessThan(width * 3);
    },
  );

  /** MIME lines with a few of `bytes` put in place of digits. */
  function sprinkled(next: () => number, bytes: number[]): Buffer {
    const input = lines(next, 50_000, 76, '\r\n');
    for (let i = 0; i < 5; i++) {
      const at = Math.floor(next() * input.length);
      if (input[at] !== 0x0d && input[at] !== 0x0a) input[at] = pick(next, bytes);
    }
    return input;
  }

  /** Inputs the one-step path must leave to the general way, and what it gives for them. */
  const irregular: Array<[string, (next: () => number) => Buffer]> = [
    ['bare LF line breaks', (next) => lines(next, 50_000, 76, '\n')],
    ['lines of 75 characters', (next) => lines(next, 50_000, 75, '\r\n')],
    ['a space before each line break', (next) => lines(next, 50_000, 76, ' \r\n')],
    [
      'every line padded on its own',
      (next) => {
        const out: string[] = [];
        for (let i = 0; i < 500; i++)
          out.push(Buffer.from([Math.floor(next() * 256)]).toString('base64'));
        return Buffer.from(out.join('\r\n'), 'latin1');
      },
    ],
    ['"-" among the lines', (next) => sprinkled(next, [0x2d])],
    ['"_" among the lines', (next) => sprinkled(next, [0x5f])],
    [
      'a line feed turned into a digit',
      (next) => {
        const input = lines(next, 50_000, 76, '\r\n');
        for (let i = 0; i < 5; i++) input[78 * (1 + Math.floor(next() * 600)) - 1] = 0x41;
        return input;
      },
    ],
    ['8-bit bytes and dots among the lines', (next) => sprinkled(next, [0xe9, 0x2e, 0x00])],
    [
      'lines of mixed lengths',
      (next) => {
        const text = lines(next, 50_000, 1_000_000, '').toString('latin1');
        const out: string[] = [];
        for (let at = 0; at < text.length;) {
          const width = pick(next, [76, 72, 4, 1, 80]);
          out.push(text.slice(at, at + width));
          at += width;
        }
        return Buffer.from(out.join('\r\n'), 'latin1');
      },
    ],
  ];

  it.each(irregular)('decodes %s as the general way does', async (_name, make) => {
    for (const seed of [1, 2, 3]) {
      const next = seededRandom(seed);
      const input = make(next);
      const { output } = await decodeInPieces(input, next);
      expect(output.equals(reference(input))).toBe(true);
    }
  });
});
