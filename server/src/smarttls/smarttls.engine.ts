import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { rootCertificates } from 'node:tls';
import type {
  DnssecStatus,
  Grade,
  MtaStsFinding,
  MxFinding,
  Reason,
  SmartTlsPolicy,
  SmartTlsReport,
  TlsaRecord,
} from './smarttls.types';
import { DnsClient, txtString, type DnsResult } from './dns/dns.client';
import { probeTls, type TlsProbeResult } from './probe/tls-probe';
import { SingleFlightCache } from './smarttls.cache';
import { DEFAULT_TIMEOUTS, type SmtpTimeouts } from './probe/smtp-starttls';
import { analyzeCertificate } from './probe/certificate.util';
import { daneState, isUsableTlsa, matchTlsa, rolloverScheme } from './policy/dane.util';
import { policyAllowsMx } from './mta-sts/mta-sts-policy.util';
import { MtaStsDiscovery } from './mta-sts/mta-sts.discovery';
import { parseNta7516 } from './policy/nta7516.util';
import { decideVerdict, evaluateHost } from './policy/verdict.util';
import { gradeMisconfigurations, worstGrade } from './grading/tls-grading.util';
import { DEFAULT_OUTBOUND_GUARD, type OutboundGuard } from '../common/net/outbound-guard';

export interface SmartTlsEngineOptions {
  resolver: { host: string; port: number };
  /** Extra trusted CAs (PEM), added to Node's root store. */
  caFile?: string;
  smtpPort?: number;
  mtaStsPort?: number;
  ehloName?: string;
  timeouts?: Partial<SmtpTimeouts>;
  dnsTimeoutMs?: number;
  concurrencyPerHost?: number;
  /**
   * The outbound guard: which addresses may be probed and fetched from. Default: loopback,
   * private, link-local and reserved ranges are refused.
   */
  guard?: OutboundGuard;
  /** How long a probe of one MX address is reused for other domains (default 300 s; 0: never). */
  probeCacheSeconds?: number;
  /** How long one domain's check may take, every address of every MX together (default 60 s). */
  budgetMs?: number;
  /** Upper bound on how long a result is reused, in seconds. */
  maxCacheSeconds?: number;
  now?: () => Date;
}

const DEFER_CACHE_SECONDS = 60;

/**
 * Gathers everything about a domain's mail servers (DNS, STARTTLS, TLS, DANE, MTA-STS, NTA 7516)
 * and judges it under a policy. Gathering is the expensive part and does not depend on the policy.
 */
export class SmartTlsEngine {
  private readonly dns: DnsClient;
  private readonly ca: string[];
  private readonly mtaStsDiscovery: MtaStsDiscovery;
  private readonly guard: OutboundGuard;
  /** Probe results per MX host, address and port; only complete probes are kept. */
  private readonly probes: SingleFlightCache<TlsProbeResult>;
  readonly smtpPort: number;
  readonly budgetMs: number;

  constructor(private readonly options: SmartTlsEngineOptions) {
    this.guard = options.guard ?? DEFAULT_OUTBOUND_GUARD;
    this.budgetMs = options.budgetMs ?? 60_000;
    const keep = (options.probeCacheSeconds ?? 300) * 1000;
    this.probes = new SingleFlightCache<TlsProbeResult>((p) =>
      p.incompleteProbes || p.starttls !== 'offered' ? 0 : Date.now() + keep,
    );
    this.dns = new DnsClient({ ...options.resolver, timeoutMs: options.dnsTimeoutMs ?? 3000 });
    const extra = options.caFile ? [readFileSync(options.caFile, 'utf8')] : [];
    this.ca = [...rootCertificates, ...extra];
    this.smtpPort = options.smtpPort ?? 25;
    this.mtaStsDiscovery = new MtaStsDiscovery({
      port: options.mtaStsPort ?? 443,
      ca: this.ca,
      timeoutMs: 10_000,
      lookup: async (name) => {
        const [a, aaaa] = await Promise.all([
          this.dns.query(name, 'A'),
          this.dns.query(name, 'AAAA'),
        ]);
        return [...a.records, ...aaaa.records].map((r) => String(r.data));
      },
      guard: this.guard,
    });
  }

  get caFile(): string | undefined {
    return this.options.caFile;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Gathers and judges in one go. */
  async check(domain: string, policy: SmartTlsPolicy): Promise<SmartTlsReport> {
    return judge(await this.gather(domain), policy);
  }

  /** Everything the probes found, judged under the default policy; re-judge with `judge`. */
  async gather(domain: string): Promise<SmartTlsReport> {
    const started = Date.now();
    const checkedAt = this.now();
    const ttls: number[] = [];
    const [mx, txt, stsTxt] = await Promise.all([
      this.dns.query(domain, 'MX'),
      this.dns.query(domain, 'TXT'),
      this.dns.query(`_mta-sts.${domain}`, 'TXT'),
    ]);
    ttls.push(mx.ttl, txt.ttl, stsTxt.ttl);
    const mtaSts = await this.mtaStsDiscovery.discover(domain, stsTxt);
    const nta7516 = parseNta7516(txt.records.map(txtString), this.now());

    let mxSource: SmartTlsReport['mxSource'] = 'none';
    let hosts: { host: string; preference: number }[] = [];
    const lookupOk = mx.status === 'secure' || mx.status === 'insecure';
    if (lookupOk && mx.rcode === 'NOERROR') {
      const records = mx.records.map((r) => r.data as { preference: number; exchange: string });
      if (records.length === 1 && (records[0].exchange === '' || records[0].exchange === '.')) {
        mxSource = 'null-mx';
      } else if (records.length) {
        mxSource = 'explicit';
        hosts = records
          .map((r) => ({
            host: r.exchange.toLowerCase().replace(/\.$/, ''),
            preference: r.preference,
          }))
          .sort((a, b) => a.preference - b.preference);
      } else {
        mxSource = 'implicit';
        hosts = [{ host: domain, preference: 0 }];
      }
    }
    const deadline = started + this.budgetMs;
    const mxFindings = (
      await Promise.all(
        hosts.map((h) =>
          this.probeHost(
            h.host,
            h.preference,
            mx.status,
            mtaSts,
            mxSource === 'implicit',
            ttls,
            deadline,
          ),
        ),
      )
    ).flat();
    // No MX and no address either: the domain has no mail server at all.
    if (
      mxSource === 'implicit' &&
      !mxFindings[0].address &&
      !['bogus', 'error'].includes(mxFindings[0].addressDnssec)
    ) {
      mxSource = 'none';
      mxFindings.length = 0;
    }
    const report: SmartTlsReport = {
      domain,
      policy: 'dane-or-mta-sts',
      verdict: 'defer',
      reasons: [],
      mxLookup: lookupOk ? (mx.rcode === 'NXDOMAIN' ? 'nxdomain' : 'ok') : 'error',
      mxDnssec: mx.status,
      mxSource,
      mx: mxFindings,
      mtaSts,
      nta7516,
      checkedAt: checkedAt.toISOString(),
      expiresAt: '',
      durationMs: 0,
    };
    const policySeconds = this.mtaStsDiscovery.secondsLeft(domain);
    if (mtaSts.state === 'found' && policySeconds !== null) ttls.push(policySeconds);
    const judged = judge(report, 'dane-or-mta-sts');
    const maxSeconds =
      judged.verdict === 'defer' ? DEFER_CACHE_SECONDS : (this.options.maxCacheSeconds ?? 3600);
    const seconds = Math.max(0, Math.min(maxSeconds, ...ttls));
    report.expiresAt = new Date(checkedAt.getTime() + seconds * 1000).toISOString();
    report.durationMs = Date.now() - started;
    return report;
  }

  /** One finding per address of the host (one without address when it has none). */
  private async probeHost(
    host: string,
    preference: number,
    mxStatus: DnssecStatus,
    mtaSts: MtaStsFinding,
    implicit: boolean,
    ttls: number[],
    deadline: number,
  ): Promise<MxFinding[]> {
    const port = this.smtpPort;
    const [a, aaaa] = await Promise.all([this.dns.query(host, 'A'), this.dns.query(host, 'AAAA')]);
    ttls.push(a.ttl, aaaa.ttl);
    const addresses = [...a.records, ...aaaa.records].map((r) => String(r.data));
    const addressDnssec = combine(a.status, aaaa.status);
    const tlsaName = `_${port}._tcp.${host}`;
    // RFC 7672 section 2.2: TLSA records count only when the MX and address answers are secure.
    const hostSecure = (implicit || mxStatus === 'secure') && addressDnssec === 'secure';
    let tlsa: DnsResult | null = null;
    if (hostSecure) {
      tlsa = await this.dns.query(tlsaName, 'TLSA');
      ttls.push(tlsa.ttl);
    }
    const records: TlsaRecord[] = (tlsa?.records ?? []).map((r) => {
      const d = r.data as {
        usage: number;
        selector: number;
        matchingType: number;
        certificate: Buffer;
      };
      return {
        usage: d.usage,
        selector: d.selector,
        matchingType: d.matchingType,
        data: d.certificate.toString('hex'),
      };
    });
    const blank = (address: string | null): MxFinding => ({
      host,
      preference,
      address,
      addresses,
      addressDnssec,
      port,
      starttls: 'unreachable',
      versions: [],
      ciphers: [],
      groups: [],
      certificate: null,
      sha1KeyExchangeSignature: null,
      compression: null,
      secureRenegotiation: null,
      clientRenegotiation: null,
      dhGroups: [],
      signatureAlgorithms: [],
      legacy: null,
      dane: {
        tlsaName,
        state: daneState(hostSecure, tlsa ? { dnssec: tlsa.status, records } : null),
        dnssec: tlsa ? tlsa.status : 'not-looked-up',
        records: records.map((r) => ({ ...r, usable: isUsableTlsa(r) })),
        matched: null,
        rollover: rolloverScheme(records),
      },
      mtaStsMatch:
        mtaSts.state === 'found' && mtaSts.policy && mtaSts.policy.mode !== 'none'
          ? policyAllowsMx(mtaSts.policy, host)
          : null,
      grade: null,
      passes: null,
      reasons: [],
      incompleteProbes: 0,
      durationMs: 0,
    });
    if (!addresses.length) return [blank(null)];
    return Promise.all(
      addresses.map((address) => this.probeAddress(blank(address), records, deadline)),
    );
  }

  /** Probes one address within the time budget; a refused address is not connected to at all. */
  private async probeAddress(
    finding: MxFinding,
    records: TlsaRecord[],
    deadline: number,
  ): Promise<MxFinding> {
    const started = Date.now();
    const { host, address, port, dane } = finding;
    const allowed = this.guard.check(address!);
    if (!allowed.allowed) {
      finding.refused = allowed.reason;
      finding.smtpReply = allowed.reason;
      return finding;
    }
    const budget = deadline - Date.now();
    let timer: NodeJS.Timeout | undefined;
    const overtime = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), Math.max(0, budget));
    });
    // Many domains share mail servers (hosting providers): one probe per address serves them all
    // for a few minutes, and concurrent checks of domains with the same MX share one probe.
    const probe = await Promise.race([
      this.probes.get(`${host} ${address} ${port}`, () =>
        probeTls({
          host,
          address: address!,
          port,
          ehloName: this.options.ehloName ?? hostname(),
          timeouts: { ...DEFAULT_TIMEOUTS, ...this.options.timeouts },
          ca: this.ca,
          concurrency: this.options.concurrencyPerHost ?? 4,
          deadline,
          guard: this.guard,
        }),
      ),
      overtime,
    ]).finally(() => clearTimeout(timer));
    if (!probe) {
      finding.smtpReply = `the check did not finish within its time budget of ${this.budgetMs} ms`;
      finding.incompleteProbes = 1;
      finding.durationMs = Date.now() - started;
      return finding;
    }
    Object.assign(finding, {
      starttls: probe.starttls,
      smtpReply: probe.smtpReply,
      versions: probe.versions,
      ciphers: probe.ciphers,
      groups: probe.groups,
      negotiated: probe.negotiated,
      sha1KeyExchangeSignature: probe.sha1KeyExchangeSignature,
      compression: probe.compression,
      secureRenegotiation: probe.secureRenegotiation,
      clientRenegotiation: probe.clientRenegotiation,
      dhGroups: probe.dhGroups,
      signatureAlgorithms: probe.signatureAlgorithms,
      legacy: probe.legacy,
      incompleteProbes: probe.incompleteProbes,
    });
    if (probe.sent.length) {
      finding.certificate = analyzeCertificate({
        sent: probe.sent,
        host,
        authorized: probe.authorized,
        authorizationError: probe.authorizationError,
        now: this.now(),
      });
      if (dane.state === 'usable') {
        const match = matchTlsa(records, probe.sent, host, this.now());
        dane.matched = match.matched;
        dane.matchedRecord = match.record;
        dane.problem = match.problem;
      }
    } else if (dane.state === 'usable' && probe.starttls === 'offered') {
      dane.matched = false;
      dane.problem = 'no certificate was seen';
    }
    if (probe.starttls === 'offered' && (probe.negotiated || probe.legacy)) {
      const legacy = probe.legacy;
      const grades: Grade[] = [
        ...probe.versions.filter((v) => v.supported).map((v) => v.grade),
        ...probe.ciphers.map((c) => c.grade),
        ...probe.groups.map((g) => g.grade),
        ...probe.dhGroups.map((g) => g.grade),
        ...probe.signatureAlgorithms.map((g) => g.grade),
        ...gradeMisconfigurations(probe),
        ...(legacy?.sslv2 || legacy?.sslv3 ? (['insufficient'] as const) : []),
        ...(legacy?.suites.map((c) => c.grade) ?? []),
        ...(finding.certificate ? [finding.certificate.grade] : []),
        ...(probe.sha1KeyExchangeSignature ? (['insufficient'] as const) : []),
      ];
      finding.grade = worstGrade(grades);
    }
    finding.durationMs = Date.now() - started;
    return finding;
  }
}

/** The status of an address lookup from its A and AAAA answers. */
function combine(a: DnssecStatus, aaaa: DnssecStatus): DnssecStatus {
  for (const status of ['bogus', 'error', 'insecure'] as const)
    if (a === status || aaaa === status) return status;
  return 'secure';
}

/** Applies a policy to gathered facts: per-host outcomes, then the domain verdict. */
export function judge(gathered: SmartTlsReport, policy: SmartTlsPolicy): SmartTlsReport {
  const mx = gathered.mx.map((finding) => {
    const outcome = evaluateHost(finding, policy, gathered.mtaSts);
    const notes: Reason[] = finding.incompleteProbes
      ? [
          {
            code: 'PROBE_INCOMPLETE',
            message: `${finding.incompleteProbes} ${finding.incompleteProbes === 1 ? 'probe' : 'probes'} of ${finding.host} gave no answer; some findings may be missing.`,
            host: finding.host,
          },
        ]
      : [];
    return { ...finding, passes: outcome.passes, reasons: [...outcome.reasons, ...notes] };
  });
  const notes: Reason[] = [];
  if (gathered.mtaSts.state === 'failed' || gathered.mtaSts.problem) {
    notes.push({ code: 'MTA_STS_FETCH_FAILED', message: `MTA-STS: ${gathered.mtaSts.problem}.` });
  }
  for (const m of mx) notes.push(...m.reasons.filter((r) => r.code === 'PROBE_INCOMPLETE'));
  const decision = decideVerdict({
    domain: gathered.domain,
    mxLookup: { status: gathered.mxLookup, dnssec: gathered.mxDnssec },
    mxSource: gathered.mxSource,
    hosts: mx.map((m) => ({
      host: m.host,
      outcome: {
        passes: m.passes,
        reasons: m.reasons.filter((r) => r.code !== 'PROBE_INCOMPLETE'),
      },
    })),
    notes,
  });
  return { ...gathered, policy, mx, verdict: decision.verdict, reasons: decision.reasons };
}
