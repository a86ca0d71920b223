import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { VaultDecryptTransform } from './vault-decrypt.transform';
import { VaultEncryptTransform } from './vault-encrypt.transform';
import { HEADER_LENGTH, MIN_CHUNK_SIZE, TAG_LENGTH } from './vault-format.util';
import { VaultIntegrityError } from './vault.errors';

const CHUNK = MIN_CHUNK_SIZE;
const FRAME = CHUNK + TAG_LENGTH;
const key = randomBytes(32);
const context = 'message-1/body';

async function encrypt(plaintext: Buffer, k = key, ctx = context, chunk = CHUNK): Promise<Buffer> {
  return buffer(Readable.from([plaintext]).pipe(new VaultEncryptTransform(k, ctx, chunk)));
}

function decrypt(blob: Buffer, k = key, ctx = context, pieces = [blob]): Promise<Buffer> {
  const out = Readable.from(pieces).pipe(new VaultDecryptTransform(k, ctx));
  return buffer(out);
}

/** Offsets of chunk i's frame inside a blob. */
const frame = (i: number) => [HEADER_LENGTH + i * FRAME, HEADER_LENGTH + (i + 1) * FRAME];

describe('vault blob format', () => {
  it.each([
    ['empty', 0],
    ['1 byte', 1],
    ['exactly one chunk', CHUNK],
    ['one chunk + 1', CHUNK + 1],
    ['several chunks, exact multiple', CHUNK * 3],
    ['several chunks and a bit', CHUNK * 3 + 17],
  ])('round-trips %s', async (_name, size) => {
    const plaintext = randomBytes(size);
    const blob = await encrypt(plaintext);
    const chunks = Math.max(1, Math.ceil(size / CHUNK));
    expect(blob.length).toBe(HEADER_LENGTH + size + chunks * TAG_LENGTH);
    expect((await decrypt(blob)).equals(plaintext)).toBe(true);
  });

  it('decrypts however the ciphertext is split into pieces', async () => {
    const plaintext = randomBytes(CHUNK * 2 + 5);
    const blob = await encrypt(plaintext);
    const pieces: Buffer[] = [];
    for (let i = 0; i < blob.length; i += 7) pieces.push(blob.subarray(i, i + 7));
    expect((await decrypt(blob, key, context, pieces)).equals(plaintext)).toBe(true);
  });

  it('decrypts pieces of any size, several frames or part of one, in any mix', async () => {
    const plaintext = randomBytes(CHUNK * 9 + 3);
    const blob = await encrypt(plaintext);
    for (const sizes of [
      [1, FRAME * 2 + 1],
      [FRAME, FRAME - 1, 2],
      [FRAME * 3, 5, FRAME * 2 - 3],
    ]) {
      const pieces: Buffer[] = [];
      for (let at = 0, i = 0; at < blob.length; at += sizes[i++ % sizes.length]) {
        pieces.push(blob.subarray(at, at + sizes[i % sizes.length]));
      }
      expect((await decrypt(blob, key, context, pieces)).equals(plaintext)).toBe(true);
    }
  });

  it('round-trips several MB from a generator with the default chunk size', async () => {
    const parts: Buffer[] = [];
    async function* source() {
      for (let i = 0; i < 80; i++) {
        const part = randomBytes(50_000 + i);
        parts.push(part);
        yield part;
      }
    }
    const blob = await buffer(
      Readable.from(source()).pipe(new VaultEncryptTransform(key, context)),
    );
    const out = await buffer(Readable.from([blob]).pipe(new VaultDecryptTransform(key, context)));
    expect(out.equals(Buffer.concat(parts))).toBe(true);
  });

  it('never writes the plaintext into the blob', async () => {
    const canary = Buffer.from('CANARY-plaintext-must-not-appear');
    const blob = await encrypt(Buffer.concat([canary, canary, canary]));
    expect(blob.includes(canary)).toBe(false);
    expect(blob.includes(canary.subarray(0, 12))).toBe(false);
  });

  describe('fails authentication with VaultIntegrityError when', () => {
    let plaintext: Buffer;
    let blob: Buffer;
    beforeAll(async () => {
      plaintext = randomBytes(CHUNK * 3 + 100);
      blob = await encrypt(plaintext);
    });
    const flip = (at: number) => {
      const copy = Buffer.from(blob);
      copy[at] ^= 0x01;
      return copy;
    };
    const cases: [string, () => Buffer][] = [
      ['a magic byte is flipped', () => flip(0)],
      ['the version byte is flipped', () => flip(4)],
      ['a chunk size byte is flipped', () => flip(10)],
      ['a salt byte is flipped', () => flip(12)],
      ['a nonce prefix byte is flipped', () => flip(30)],
      ['a key id byte is flipped', () => flip(HEADER_LENGTH - 1)],
      ['a byte inside a chunk is flipped', () => flip(frame(1)[0] + 10)],
      ['a byte of a tag is flipped', () => flip(frame(0)[1] - 1)],
      ['a byte of the final tag is flipped', () => flip(blob.length - 1)],
      ['the last chunk is truncated', () => blob.subarray(0, blob.length - 1)],
      ['the last chunk is dropped', () => blob.subarray(0, frame(3)[0])],
      ['only the header remains', () => blob.subarray(0, HEADER_LENGTH)],
      ['the header is incomplete', () => blob.subarray(0, 10)],
      [
        'a middle chunk is dropped',
        () => Buffer.concat([blob.subarray(0, frame(1)[0]), blob.subarray(frame(2)[0])]),
      ],
      [
        'two chunks are swapped',
        () =>
          Buffer.concat([
            blob.subarray(0, frame(0)[0]),
            blob.subarray(...frame(1)),
            blob.subarray(...frame(0)),
            blob.subarray(frame(2)[0]),
          ]),
      ],
      ['data is appended', () => Buffer.concat([blob, Buffer.from([0])])],
      ['a whole chunk is appended', () => Buffer.concat([blob, blob.subarray(...frame(0))])],
    ];
    it.each(cases)('%s', async (_name, tamper) => {
      await expect(decrypt(tamper())).rejects.toBeInstanceOf(VaultIntegrityError);
    });

    it('the context is different (blob moved to another message or part)', async () => {
      await expect(decrypt(blob, key, 'message-2/body')).rejects.toThrow(
        /failed authentication at chunk 0/,
      );
    });

    it('the key is different', async () => {
      await expect(decrypt(blob, randomBytes(32))).rejects.toThrow(
        /not encrypted with this data key/,
      );
    });

    it('a chunk comes from another blob under the same key and context', async () => {
      const other = await encrypt(plaintext);
      const mixed = Buffer.concat([blob.subarray(0, frame(1)[0]), other.subarray(frame(1)[0])]);
      await expect(decrypt(mixed)).rejects.toBeInstanceOf(VaultIntegrityError);
    });
  });

  it('emits only authenticated chunks before failing', async () => {
    const plaintext = randomBytes(CHUNK * 3);
    const blob = await encrypt(plaintext);
    blob[frame(1)[0] + 3] ^= 0xff;
    const received: Buffer[] = [];
    const stream = Readable.from([blob]).pipe(new VaultDecryptTransform(key, context));
    stream.on('data', (data: Buffer) => received.push(data));
    await expect(
      new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject)),
    ).rejects.toBeInstanceOf(VaultIntegrityError);
    expect(Buffer.concat(received).equals(plaintext.subarray(0, CHUNK))).toBe(true);
  });

  it('rejects a malformed key or context up front', () => {
    expect(() => new VaultEncryptTransform(randomBytes(16), context)).toThrow(/32 bytes/);
    expect(() => new VaultEncryptTransform(key, '')).toThrow(/non-empty/);
    expect(() => new VaultDecryptTransform(key, 'x'.repeat(2000))).toThrow(/at most/);
    expect(() => new VaultEncryptTransform(key, context, 10)).toThrow(/Chunk size/);
  });
});
