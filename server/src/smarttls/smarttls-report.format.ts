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
