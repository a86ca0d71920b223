import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import DKIM from 'nodemailer/lib/dkim';
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
