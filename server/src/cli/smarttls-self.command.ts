import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ZegelConfig } from '../config/config';
import { checkSelf, type SelfReport } from '../smarttls/self/self-check';
import type { SelfArguments } from './smarttls.command';

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

export function formatSelf(r: SelfReport): string {
  const mark = (ok: boolean | null) => (ok === null ? '-' : ok ? '✓' : '✗');
  const lines = [
    `Zegel's SMTP endpoint ${r.host} (${r.address}, port ${r.port}) as a sending server sees it`,
    `Result: ${r.passes ? 'a sender holding Zegel to DANE or PKIX delivers' : 'senders that require TLS authentication would NOT deliver'}`,
    `STARTTLS: ${r.starttls}${r.smtpReply ? ` (${r.smtpReply})` : ''}`,
    `versions: ${
      r.probe.versions
        .filter((v) => v.supported)
        .map((v) => v.version)
        .join(', ') || 'none'
    }`,
    ...r.probe.ciphers.map((c) => `suite ${c.version} ${c.name}: ${c.grade}`),
    `grade: ${r.grade ?? '-'}`,
  ];
  if (r.certificate) {
    const leaf = r.certificate.chain[0];
    lines.push(
      `certificate: ${r.certificate.names.join(', ')}; ${leaf.keyType}${leaf.keyBits ? ` ${leaf.keyBits}` : ''}; until ${leaf.notAfter}; trusted ${mark(r.certificate.trusted)} name ${mark(r.certificate.nameMatches)}`,
    );
  }
  lines.push(
    `TLSA ${r.tlsa.name} (${r.tlsa.dnssec}): ${r.tlsa.records.map((t) => `${t.usage} ${t.selector} ${t.matchingType} ${t.data.slice(0, 16)}…`).join('; ') || 'none'}; matches the certificate served ${mark(r.tlsa.matched)}; rollover scheme ${r.tlsa.rollover ?? '-'}`,
    '',
    'Publish (DANE-EE, SPKI, SHA-256), in a DNSSEC-signed zone:',
    ...(r.publish.current ? [`  ${r.publish.current}   ; the key in use`] : []),
    ...(r.publish.next ? [`  ${r.publish.next}   ; the next key`] : []),
    ...r.notes.map((n) => `note: ${n}`),
    '',
  );
  return lines.join('\n');
}

/** `zegel smarttls self`: Zegel's own SMTP endpoint checked the way a sending server would. */
export async function runSelf(
  args: SelfArguments,
  config: ZegelConfig,
  caFile: string | undefined,
): Promise<number> {
  const host = args.host ?? hostOf(config.publicUrl) ?? 'localhost';
  const listen = config.smtp.host;
  const address =
    args.address ?? (listen === '0.0.0.0' ? '127.0.0.1' : listen === '::' ? '::1' : listen);
  let nextKeyPem: string | undefined;
  if (args.nextKey) {
    try {
      nextKeyPem = readFileSync(resolve(args.nextKey), 'utf8');
    } catch (error) {
      process.stderr.write(
        `zegel smarttls: cannot read ${args.nextKey}: ${(error as Error).message}\n`,
      );
      return 66;
    }
  }
  const report = await checkSelf({
    host,
    address,
    port: args.port ?? config.smtp.port,
    resolver: args.resolver ?? config.smarttls.dnsResolver,
    caFile,
    ehloName: host,
    nextKeyPem,
  });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatSelf(report));
  return 0;
}
