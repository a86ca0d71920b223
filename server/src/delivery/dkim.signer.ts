import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import DKIM from 'nodemailer/lib/dkim';
import MessageParser from 'nodemailer/lib/dkim/message-parser';
import RelaxedBody from 'nodemailer/lib/dkim/relaxed-body';
import signHeader from 'nodemailer/lib/dkim/sign';
import type { ZegelConfig } from '../config/config';

export interface DkimOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** The DKIM key and selector from the settings, read once at start (a bad key stops the start). */
export function dkimOptions(config: ZegelConfig): DkimOptions | undefined {
  const dkim = config.delivery.dkim;
  if (!dkim) return undefined;
  return {
    domainName: dkim.domain,
    keySelector: dkim.selector,
    privateKey: readFileSync(dkim.keyFile, 'utf8'),
  };
}

/**
 * Signs an RFC 5322 message stream. The signer holds the message in memory while it hashes the
 * body (no cache directory: content never touches disk in the clear).
 */
export function dkimSign(options: DkimOptions | undefined, message: Readable): Readable {
  if (!options) return message;
  return new DKIM({ ...options, cacheDir: false } as never).sign(message) as Readable;
}

/**
 * Pass one of a streamed signature: reads the message once to hash its canonical body and keep its
 * headers; no part of the body is held.
 */
export async function dkimHeader(options: DkimOptions, message: Readable): Promise<string> {
  const parser = new MessageParser();
  const relaxed = new RelaxedBody({ hashAlgo: 'sha256' });
  let headers: MessageParser.Header[] = [];
  let bodyHash = '';
  parser.on('headers', (value) => (headers = value));
  relaxed.on('hash', (value: string) => (bodyHash = value));
  await pipeline(
    message,
    parser,
    relaxed,
    new Writable({
      write: (_chunk, _encoding, done) => done(),
    }),
  );
  return `${signHeader(headers, 'sha256', bodyHash, options)}\r\n`;
}

/**
 * DKIM for large messages without holding them: the message is composed twice (byte-identical:
 * same boundaries, date and ids), once to compute the signature and once to send it behind the
 * DKIM-Signature header. Returns a factory of signed streams (one per session).
 */
export async function dkimSignedFactory(
  options: DkimOptions | undefined,
  compose: () => Readable,
): Promise<() => Readable> {
  if (!options) return compose;
  const header = Buffer.from(await dkimHeader(options, compose()));
  return () =>
    Readable.from(
      (async function* () {
        yield header;
        yield* compose();
      })(),
    );
}
