import type { MxFinding, SmartTlsReport } from './smarttls.types';

const VERDICT_TEXT = {
  direct: 'DIRECT — safe to deliver straight into the inbox',
  pickup: 'PICKUP — not safe for direct delivery: use the pickup route',
  defer: 'DEFER — cannot decide now; check again later',
};

const mark = (ok: boolean | null) => (ok === null ? '?' : ok ? '✓' : '✗');

function host(mx: MxFinding): string[] {
  const lines = [
    `MX ${mx.preference} ${mx.host} (${mx.address ?? 'no address'}, port ${mx.port}, DNSSEC ${mx.addressDnssec})  ${mark(mx.passes)}${mx.grade ? `  grade: ${mx.grade}` : ''}`,
  ];
  lines.push(`  STARTTLS: ${mx.starttls}${mx.smtpReply ? ` (${mx.smtpReply})` : ''}`);
  if (mx.versions.length) {
    lines.push(
      `  versions: ${
        mx.versions
          .filter((v) => v.supported)
          .map((v) => `${v.version} (${v.grade})`)
          .join(', ') || 'none'
      }`,
    );
  }
  for (const c of mx.ciphers) lines.push(`  suite ${c.version} ${c.name}: ${c.grade}`);
  if (mx.sha1KeyExchangeSignature !== null) {
    lines.push(
      `  key exchange signed with SHA-1 when only SHA-1 is offered: ${mx.sha1KeyExchangeSignature ? 'yes (insufficient)' : 'no'}`,
    );
  }
  if (mx.groups.length)
    lines.push(`  groups: ${mx.groups.map((g) => `${g.name} (${g.grade})`).join(', ')}`);
  for (const g of mx.dhGroups)
    lines.push(
      `  DHE group: ${g.name} (${g.bits} bits${g.known ? '' : ', not a known group'}): ${g.grade}`,
    );
  if (mx.signatureAlgorithms.length) {
    lines.push(
      `  key-exchange signatures: ${mx.signatureAlgorithms.map((a) => `${a.name} (${a.grade})`).join(', ')}`,
    );
  }
  const yesNo = (v: boolean | null, bad: boolean) =>
    v === null ? 'not tested' : v ? (bad ? 'yes (bad)' : 'yes') : bad ? 'no' : 'no (bad)';
  if (
    mx.compression !== null ||
    mx.secureRenegotiation !== null ||
    mx.clientRenegotiation !== null
  ) {
    lines.push(
      `  compression: ${yesNo(mx.compression, true)}  secure renegotiation: ${yesNo(mx.secureRenegotiation, false)}  client-initiated renegotiation: ${yesNo(mx.clientRenegotiation, true)}`,
    );
  }
  if (mx.legacy) {
    const old = [mx.legacy.sslv2 ? 'SSLv2' : '', mx.legacy.sslv3 ? 'SSLv3' : ''].filter(Boolean);
    lines.push(
      `  legacy (hand-built ClientHello): ${old.length ? `${old.join(', ')} accepted (insufficient)` : 'no SSLv2 or SSLv3'}${
        mx.legacy.suites.length ? '' : '; no RC4, 3DES, DES, EXPORT or NULL suite'
      }`,
    );
    for (const c of mx.legacy.suites) lines.push(`  suite ${c.version} ${c.name}: ${c.grade}`);
  }
  const cert = mx.certificate;
  if (cert) {
    const leaf = cert.chain[0];
    lines.push(
      `  certificate: ${cert.names.join(', ') || leaf.subject}; ${leaf.keyType}${leaf.keyBits ? ` ${leaf.keyBits}` : ''} (${leaf.keyGrade}), ${leaf.signatureHash} (${leaf.signatureGrade}); until ${leaf.notAfter}`,
      `    trusted: ${mark(cert.trusted)}${cert.trustError ? ` ${cert.trustError}` : ''}  name matches: ${mark(cert.nameMatches)}  chain sent: ${cert.chain.length}${cert.chainIncomplete ? ' (intermediate missing)' : ''}${cert.expired ? '  EXPIRED' : ''}${cert.selfSigned ? '  SELF-SIGNED' : ''}`,
    );
  }
  const d = mx.dane;
  lines.push(
    `  DANE: ${d.state} (${d.tlsaName}, ${d.dnssec})${d.matched === null ? '' : d.matched ? ' — matched' : ` — NO MATCH${d.problem ? `: ${d.problem}` : ''}`}`,
  );
  if (d.rollover !== undefined && d.rollover !== null)
    lines.push(`  DANE rollover scheme: ${d.rollover}`);
  for (const r of mx.reasons) lines.push(`  ${r.code}: ${r.message}`);
  return lines;
}

/** The text report: verdict first, then what to fix, then the evidence per MX. */
export function formatReport(report: SmartTlsReport): string {
  const lines = [
    `SmartTLS check of ${report.domain} under policy ${report.policy}`,
    `Verdict: ${VERDICT_TEXT[report.verdict]}`,
    '',
    'Reasons:',
    ...report.reasons.map((r) => `  - [${r.code}] ${r.message}`),
    '',
    `MX records: ${report.mxSource} (DNSSEC ${report.mxDnssec})`,
    ...report.mx.flatMap(host),
    '',
    `MTA-STS: ${report.mtaSts.state}${report.mtaSts.policy ? ` mode ${report.mtaSts.policy.mode}, mx ${report.mtaSts.policy.mx.join(' ')}, max_age ${report.mtaSts.policy.maxAge}` : ''}${report.mtaSts.problem ? ` (${report.mtaSts.problem})` : ''}`,
    `NTA 7516 record: ${report.nta7516.present ? `${report.nta7516.valid ? 'valid' : 'not valid'}${report.nta7516.problem ? ` (${report.nta7516.problem})` : ''}: ${report.nta7516.record}` : 'none'}`,
    `Checked at ${report.checkedAt} in ${report.durationMs} ms; valid until ${report.expiresAt}.`,
    '',
  ];
  return lines.join('\n');
}
