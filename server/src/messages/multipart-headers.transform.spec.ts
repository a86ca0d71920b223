import { ZegelError } from '../common/zegel-error';
import { MultipartHeaderTransform } from './multipart-headers.transform';

const body = [
  'preamble\r\n',
  '--xyz\r\n',
  'Content-Disposition: form-data; name="message"\r\n\r\n',
  '{"a":"--xy not a boundary"}\r\n',
  '--xyz  \r\n',
  `Content-Disposition: form-data; name="attachments";\r\n filename*=UTF-8''Report%20(final).pdf\r\n`,
  'Content-Type: application/pdf\r\n\r\n',
  '%PDF\r\n--xy\r\n\r\n',
  '\r\n--xyz--\r\n',
  'epilogue',
].join('');

// The folded RFC 5987 header becomes one plain line; everything else is unchanged.
const expected = body.replace(
  `Content-Disposition: form-data; name="attachments";\r\n filename*=UTF-8''Report%20(final).pdf`,
  'Content-Disposition: form-data; name="attachments"; filename="Report (final).pdf"',
);

async function run(input: Buffer, chunk: (i: number) => number): Promise<string> {
  const t = new MultipartHeaderTransform('xyz');
  const out: Buffer[] = [];
  t.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => {
    t.on('end', resolve);
    t.on('error', reject);
  });
  for (let at = 0, i = 0; at < input.length; i++) {
    const n = Math.max(1, chunk(i));
    t.write(input.subarray(at, at + n));
    at += n;
  }
  t.end();
  await done;
  return Buffer.concat(out).toString('utf8');
}

describe('MultipartHeaderTransform', () => {
  it('rewrites every part header and passes bodies through, however the input is split', async () => {
    const input = Buffer.from(body);
    expect(await run(input, () => input.length)).toBe(expected);
    expect(await run(input, () => 1)).toBe(expected);
    for (const size of [2, 3, 5, 7, 13, 64]) expect(await run(input, () => size)).toBe(expected);
  });

  it('passes a body full of near-delimiters through intact, and plain chunks uncopied', async () => {
    // Bytes drawn from the delimiter's own characters, so chunk ends often hold a start of it.
    let seed = 7;
    const alphabet = '\r\n-xyzq';
    const noise = Array.from({ length: 20_000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return alphabet[seed % alphabet.length];
    })
      .join('')
      .replaceAll('\r\n--xyz', '\r\n--xyq');
    const input = Buffer.from(
      `--xyz\r\nContent-Disposition: form-data; name="a"; filename="b"\r\n\r\n${noise}` +
        `\r\n--xyz\r\nContent-Disposition: form-data; name="c"\r\n\r\n${noise}\r\n--xyz--\r\n`,
      'latin1',
    );
    for (const size of [1, 5, 7, 64, 1000, 4096])
      expect(await run(input, () => size)).toBe(input.toString('latin1'));

    const t = new MultipartHeaderTransform('xyz');
    const out: Buffer[] = [];
    t.on('data', (d: Buffer) => out.push(d));
    const plain = Buffer.alloc(8192, 'p');
    t.write(Buffer.from('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello'));
    t.write(plain);
    t.end('\r\n--xyz--\r\n');
    await new Promise((resolve) => t.on('finish', resolve));
    expect(out.some((d) => d.buffer === plain.buffer && d.length === plain.length)).toBe(true);
  });

  it('refuses a part it cannot read', async () => {
    const bad = Buffer.from(
      `--xyz\r\nContent-Disposition: form-data; name="a"; filename*=UTF-8''%E2%82\r\n\r\nx\r\n--xyz--\r\n`,
    );
    await expect(run(bad, () => 4)).rejects.toThrow(ZegelError);
    await expect(run(bad, () => 4)).rejects.toThrow(/Part 1.*not valid UTF-8/);
  });

  it('refuses a header block over 16 KiB', async () => {
    const bad = Buffer.from(`--xyz\r\nX-Junk: ${'x'.repeat(17_000)}\r\n\r\nx\r\n--xyz--\r\n`);
    await expect(run(bad, () => 1000)).rejects.toThrow(/header is too large/);
  });

  it('reads the boundary of a Content-Type', () => {
    expect(MultipartHeaderTransform.boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(MultipartHeaderTransform.boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(MultipartHeaderTransform.boundaryOf('multipart/form-data')).toBeUndefined();
  });
});
