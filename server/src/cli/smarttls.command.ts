import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/config';
import { OutboundGuard } from '../common/net/outbound-guard';
import { SmartTlsEngine, judge } from '../smarttls/smarttls.engine';
import { SMARTTLS_POLICIES, type SmartTlsPolicy } from '../smarttls/smarttls.types';
import { normalizeDomain } from '../smarttls/dns/dns-status.util';
import { formatReport } from '../smarttls/smarttls-report.format';

const USAGE = `Usage: zegel smarttls check <domain> [--json] [--resolver host:port] [--ca file] [--policy name]

  --json               print one JSON object instead of the text report
  --resolver host:port validating DNS resolver (default: ZEGEL_DNS_RESOLVER, else 127.0.0.1:53)
  --ca file            extra trusted CA certificates, PEM (default: ZEGEL_CA_FILE)
  --policy name        dane-or-mta-sts (default), pkix or dane-only
  --smtp-port n        port of the mail servers (default 25)
  --mta-sts-port n     HTTPS port of the MTA-STS policy host (default 443)

Exit status 0 when the check ran, whatever the verdict; 64 on bad arguments.
`;

export interface CheckArguments {
  domain: string;
  json: boolean;
  resolver?: { host: string; port: number };
  caFile?: string;
  policy?: SmartTlsPolicy;
  smtpPort?: number;
  mtaStsPort?: number;
}

const port = (value: string): number | null =>
  /^\d{1,5}$/.test(value) && +value > 0 && +value < 65536 ? +value : null;

/** Parses the arguments after `smarttls`; returns the problem in plain words when they are wrong. */
export function parseCheckArguments(args: string[]): CheckArguments | { problem: string } {
  const [sub, ...rest] = args;
  if (sub !== 'check')
    return { problem: sub ? `unknown subcommand "${sub}"` : 'missing subcommand "check"' };
  const parsed: Partial<CheckArguments> = { json: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const value = (): string | null =>
      i + 1 < rest.length && !rest[i + 1].startsWith('--') ? rest[++i] : null;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--resolver') {
      const v = value();
      const m = v ? /^\[?([^\]]+?)\]?:(\d+)$/.exec(v) : null;
      if (!m || port(m[2]) === null)
        return { problem: `--resolver needs host:port, got "${v ?? ''}"` };
      parsed.resolver = { host: m[1], port: Number(m[2]) };
    } else if (arg === '--ca') {
      const v = value();
      if (!v) return { problem: '--ca needs a file name' };
      parsed.caFile = v;
    } else if (arg === '--policy') {
      const v = value();
      if (!v || !SMARTTLS_POLICIES.includes(v as SmartTlsPolicy)) {
        return {
          problem: `--policy must be one of ${SMARTTLS_POLICIES.join(', ')}, got "${v ?? ''}"`,
        };
      }
      parsed.policy = v as SmartTlsPolicy;
    } else if (arg === '--smtp-port' || arg === '--mta-sts-port') {
      const v = value();
      const n = v ? port(v) : null;
      if (n === null) return { problem: `${arg} needs a port number, got "${v ?? ''}"` };
      if (arg === '--smtp-port') parsed.smtpPort = n;
      else parsed.mtaStsPort = n;
    } else if (arg.startsWith('--')) return { problem: `unknown option ${arg}` };
    else if (parsed.domain)
      return { problem: `only one domain at a time (got "${parsed.domain}" and "${arg}")` };
    else {
      const domain = normalizeDomain(arg);
      if (!domain) return { problem: `"${arg}" is not a domain name` };
      parsed.domain = domain;
    }
  }
  if (!parsed.domain) return { problem: 'missing the domain to check' };
  return parsed as CheckArguments;
}

/** `zegel smarttls check <domain>`: exit 0 when the check ran, whatever the verdict. */
export async function runSmartTlsCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseCheckArguments(args);
  if ('problem' in parsed) {
    process.stderr.write(`zegel smarttls: ${parsed.problem}\n\n${USAGE}`);
    return 64;
  }
  // The check serves nothing, so the server's listening and sign-in settings do not concern it.
  const config = loadConfig({ ...process.env, ZEGEL_AUTH_MODE: 'dev', ZEGEL_HOST: '127.0.0.1' });
  const caFile = parsed.caFile ? resolve(parsed.caFile) : config.smarttls.caFile;
  if (caFile && !existsSync(caFile)) {
    process.stderr.write(`zegel smarttls: the CA file ${caFile} does not exist\n`);
    return 66; // EX_NOINPUT
  }
  const engine = new SmartTlsEngine({
    resolver: parsed.resolver ?? config.smarttls.dnsResolver,
    caFile,
    smtpPort: parsed.smtpPort ?? config.smarttls.smtpPort,
    mtaStsPort: parsed.mtaStsPort ?? config.smarttls.mtaStsPort,
    guard: OutboundGuard.fromList(config.outbound.privateTargetsAllowed),
  });
  const policy = parsed.policy ?? config.smarttls.policy;
  const report = judge(await engine.gather(parsed.domain), policy);
  process.stdout.write(parsed.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}
