import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import addressparser from 'nodemailer/lib/addressparser';
import type { ZegelConfig } from '../config/config';
import { DEFAULT_OUTBOUND_GUARD, OutboundGuard } from '../common/net/outbound-guard';
import { dkimOptions, type DkimOptions } from './dkim.signer';
import type { SessionSettings } from './mx-session.adapter';

/** How Zegel presents itself to other mail servers: EHLO name, bounce address, trust store, DKIM. */
export class OutboundSettings implements SessionSettings {
  constructor(
    readonly ehloName: string,
    readonly bounceAddress: string,
    readonly idDomain: string,
    readonly ca: string[] | undefined,
    readonly caFile: string | undefined,
    readonly dkim: DkimOptions | undefined,
    readonly guard: OutboundGuard = DEFAULT_OUTBOUND_GUARD,
  ) {}
}

export function outboundSettings(config: ZegelConfig): OutboundSettings {
  const parsed = addressparser(config.notify.mailFrom, { flatten: true })[0];
  const bounceAddress = parsed?.address || 'zegel@localhost';
  const idDomain = bounceAddress.slice(bounceAddress.lastIndexOf('@') + 1);
  let ehloName = idDomain;
  try {
    ehloName = new URL(config.publicUrl).hostname || idDomain;
  } catch {
    // keep the mail domain
  }
  const caFile = config.smarttls.caFile;
  return new OutboundSettings(
    ehloName,
    bounceAddress,
    idDomain,
    caFile ? [...rootCertificates, readFileSync(caFile, 'utf8')] : undefined,
    caFile,
    dkimOptions(config),
    OutboundGuard.fromList(config.outbound.privateTargetsAllowed),
  );
}
