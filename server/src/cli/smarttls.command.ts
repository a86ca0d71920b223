import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { loadConfig } from '../config/config';
import { OutboundGuard } from '../common/net/outbound-guard';
import { SmartTlsEngine, judge } from '../smarttls/smarttls.engine';
import { SMARTTLS_POLICIES, type SmartTlsPolicy } from '../smarttls/smarttls.types';
import { normalizeDomain } from '../smarttls/dns/dns-status.util';
import { formatReport } from '../smarttls/smarttls-report.format';
import { runScan } from './smarttls-scan.command';
import { runSelf } from './smarttls-self.command';

const USAGE = `Usage: zegel smarttls check <domain> [--json] [options]
       zegel smarttls scan <file|-> [--out dir] [--concurrency n] [options]
       zegel smarttls self [--host name] [--address ip] [--port n] [--json] [--next-key file]

  check                one domain: verdict, reasons and findings per MX address
  scan                 a list of domains (one per line; - reads standard input): writes
                       smarttls-scan.json, .csv and .html (Dutch and English) to --out
  self                 Zegel's own SMTP endpoint as a sending server sees it, and the
                       DANE-EE (3 1 1) TLSA record to publish for its certificate

  --json               print one JSON object instead of the text report
  --resolver host:port validating DNS resolver (default: ZEGEL_DNS_RESOLVER, else 127.0.0.1:53)
  --ca file            extra trusted CA certificates, PEM (default: ZEGEL_CA_FILE)
  --policy name        dane-or-mta-sts (default), pkix or dane-only
  --smtp-port n        port of the mail servers (default 25)
  --mta-sts-port n     HTTPS port of the MTA-STS policy host (default 443)
  --out dir            scan: where the reports go (default: the current directory)
  --concurrency n      scan: domains checked at a time (default 16)
  --quiet              scan: no progress bar
  --host name          self: the host name senders use (default: the host of ZEGEL_PUBLIC_URL)
  --address ip         self: the address to connect to (default: ZEGEL_SMTP_HOST)
  --port n             self: the SMTP port (default: ZEGEL_SMTP_PORT)
  --next-key file      self: a PEM certificate or public key for the next key, for a rollover

Addresses in loopback and private ranges are refused unless ZEGEL_PRIVATE_TARGETS_ALLOWED
allows them (self connects to the endpoint named, which is the operator's own).
Exit status 0 when the check ran, whatever the verdict; 64 on bad arguments.
`;

export interface CommonArguments {
  json: boolean;
  resolver?: { host: string; port: number };
  caFile?: string;
  policy?: SmartTlsPolicy;
  smtpPort?: number;
  mtaStsPort?: number;
}
export interface CheckArguments extends CommonArguments {
  domain: string;
}
export interface ScanArguments extends CommonArguments {
  source: string;
  outDir: string;
  concurrency: number;
  quiet: boolean;
}
export interface SelfArguments extends CommonArguments {
  host?: string;
  address?: string;
  port?: number;
  nextKey?: string;
}

const port = (value: string): number | null =>
  /^\d{1,5}$/.test(value) && +value > 0 && +value < 65536 ? +value : null;

/**
 * The options every subcommand shares plus its own; positional arguments are handed to
 * `positional`. Returns the problem in plain words when something is wrong.
 */
function parseOptions(
  rest: string[],
  own: Record<string, (value: () => string | null) => string | null>,
  positional: (arg: string) => string | null,
): CommonArguments | { problem: string } {
  const parsed: CommonArguments = { json: false };
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
    } else if (own[arg]) {
      const problem = own[arg](value);
      if (problem) return { problem };
    } else if (arg.startsWith('--')) return { problem: `unknown option ${arg}` };
    else {
      const problem = positional(arg);
      if (problem) return { problem };
    }
  }
  return parsed;
}

/** Parses the arguments after `smarttls` for `check`. */
export function parseCheckArguments(args: string[]): CheckArguments | { problem: string } {
  const [sub, ...rest] = args;
  if (sub !== 'check')
    return { problem: sub ? `unknown subcommand "${sub}"` : 'missing subcommand "check"' };
  let domain: string | undefined;
  const common = parseOptions(rest, {}, (arg) => {
    if (domain) return `only one domain at a time (got "${domain}" and "${arg}")`;
    const normalized = normalizeDomain(arg);
    if (!normalized) return `"${arg}" is not a domain name`;
    domain = normalized;
    return null;
  });
  if ('problem' in common) return common;
  if (!domain) return { problem: 'missing the domain to check' };
  return { domain, ...common };
}

/** Parses `scan <file|-> …`. */
export function parseScanArguments(rest: string[]): ScanArguments | { problem: string } {
  let source: string | undefined;
  let outDir = '.';
  let concurrency = 16;
  let quiet = false;
  const common = parseOptions(
    rest,
    {
      '--out': (value) => {
        const v = value();
        if (!v) return '--out needs a directory';
        outDir = v;
        return null;
      },
      '--concurrency': (value) => {
        const v = value() ?? '';
        if (!/^\d{1,4}$/.test(v) || +v < 1 || +v > 1000)
          return `--concurrency needs a number from 1 to 1000, got "${v}"`;
        concurrency = Number(v);
        return null;
      },
      '--quiet': () => {
        quiet = true;
        return null;
      },
    },
    (arg) => {
      if (source) return `one list at a time (got "${source}" and "${arg}")`;
      source = arg;
      return null;
    },
  );
  if ('problem' in common) return common;
  if (!source) return { problem: 'missing the file with the domains (or - for standard input)' };
  return { ...common, source, outDir, concurrency, quiet };
}

/** Parses `self …`. */
export function parseSelfArguments(rest: string[]): SelfArguments | { problem: string } {
  const own: SelfArguments = { json: false };
  const common = parseOptions(
    rest,
    {
      '--host': (value) => {
        const v = value();
        const host = v ? normalizeDomain(v) : null;
        if (!host) return `--host needs a host name, got "${v ?? ''}"`;
        own.host = host;
        return null;
      },
      '--address': (value) => {
        const v = value();
        if (!v || !isIP(v)) return `--address needs an IP address, got "${v ?? ''}"`;
        own.address = v;
        return null;
      },
      '--port': (value) => {
        const v = value();
        const n = v ? port(v) : null;
        if (n === null) return `--port needs a port number, got "${v ?? ''}"`;
        own.port = n;
        return null;
      },
      '--next-key': (value) => {
        const v = value();
        if (!v) return '--next-key needs a file name';
        own.nextKey = v;
        return null;
      },
    },
    (arg) => `unexpected argument "${arg}"`,
  );
  if ('problem' in common) return common;
  return { ...own, ...common };
}

function usageError(problem: string): number {
  process.stderr.write(`zegel smarttls: ${problem}\n\n${USAGE}`);
  return 64;
}

/** `zegel smarttls check|scan|self`: exit 0 when the check ran, whatever the verdict. */
export async function runSmartTlsCommand(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [sub, ...rest] = args;
  const parsed =
    sub === 'scan'
      ? parseScanArguments(rest)
      : sub === 'self'
        ? parseSelfArguments(rest)
        : parseCheckArguments(args);
  if ('problem' in parsed) return usageError(parsed.problem);
  // The check serves nothing, so the server's listening and sign-in settings do not concern it.
  const config = loadConfig({ ...process.env, ZEGEL_AUTH_MODE: 'dev', ZEGEL_HOST: '127.0.0.1' });
  const caFile = parsed.caFile ? resolve(parsed.caFile) : config.smarttls.caFile;
  if (caFile && !existsSync(caFile)) {
    process.stderr.write(`zegel smarttls: the CA file ${caFile} does not exist\n`);
    return 66; // EX_NOINPUT
  }
  if (sub === 'self') return runSelf(parsed as SelfArguments, config, caFile);
  const engine = new SmartTlsEngine({
    resolver: parsed.resolver ?? config.smarttls.dnsResolver,
    caFile,
    smtpPort: parsed.smtpPort ?? config.smarttls.smtpPort,
    mtaStsPort: parsed.mtaStsPort ?? config.smarttls.mtaStsPort,
    guard: OutboundGuard.fromList(config.outbound.privateTargetsAllowed),
  });
  const policy = parsed.policy ?? config.smarttls.policy;
  if (sub === 'scan') return runScan(parsed as ScanArguments, engine, policy);
  const check = parsed as CheckArguments;
  const report = judge(await engine.gather(check.domain), policy);
  process.stdout.write(check.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return 0;
}
