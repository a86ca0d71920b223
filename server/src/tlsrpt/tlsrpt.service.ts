import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import addressparser from 'nodemailer/lib/addressparser';
import { OutboundGuard } from '../common/net/outbound-guard';
import { ZegelConfig } from '../config/config';
import { MailTransport } from '../delivery/mail-transport';
import { DnsClient, txtString } from '../smarttls/dns/dns.client';
import type { SmartTlsReport } from '../smarttls/smarttls.types';
import { TlsRptRepository } from './tlsrpt.repository';
import {
  appliedPolicy,
  buildReport,
  parseTlsRptRecords,
  reportFilename,
  resultTypeOf,
} from './tlsrpt.rules';
import { sendReport, type HttpsSettings } from './tlsrpt.sender';

const gzipAsync = promisify(gzip);
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * TLS reporting as a sending MTA (RFC 8460): counts each direct-delivery session per applied policy,
 * and once a UTC day is over sends each policy domain that publishes _smtp._tls its aggregate
 * report, by mail through Zegel's outbound transport or by https POST.
 */
@Injectable()
export class TlsRptService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('tlsrpt');
  private timer?: NodeJS.Timeout;
  private readonly dns: DnsClient;
  private readonly guard: OutboundGuard;

  constructor(
    private readonly config: ZegelConfig,
    private readonly repository: TlsRptRepository,
    private readonly transport: MailTransport,
  ) {
    this.dns = new DnsClient({ ...config.smarttls.dnsResolver, timeoutMs: 5000 });
    this.guard = OutboundGuard.fromList(config.outbound.privateTargetsAllowed);
  }

  onApplicationBootstrap(): void {
    if (!this.config.tlsrpt.enabled) return;
    const every = this.config.tlsrpt.intervalSeconds * 1000;
    this.timer = setInterval(() => {
      this.sendDue().catch((error: Error) =>
        this.logger.warn({ problem: error.message }, 'TLS reports not sent'),
      );
    }, every);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One direct-delivery session: met the policy (ok) or failed it with a TLS problem. */
  async record(
    report: SmartTlsReport,
    session: { host: string; address: string; ok: boolean; problem?: string },
    now = new Date(),
  ): Promise<void> {
    const policy = appliedPolicy(report, session.host);
    await this.repository.increment(utcDay(now), {
      policyDomain: report.domain,
      policyType: policy.type,
      policyStrings: policy.strings,
      mxHosts: policy.mxHosts,
      mxHost: session.host,
      receivingIp: session.address,
      resultType: session.ok ? 'success' : resultTypeOf(session.problem ?? ''),
    });
  }

  /** Sends every report of a finished day that has not been sent yet. */
  async sendDue(now = new Date()): Promise<number> {
    let sent = 0;
    for (const due of await this.repository.due(utcDay(now))) {
      if (await this.send(due.day, due.policyDomain)) sent++;
    }
    return sent;
  }

  /**
   * The report of one policy domain for one day: claimed first (one sender among many
   * processes), then sent to each rua address. Returns whether this call sent it.
   */
  async send(day: string, policyDomain: string): Promise<boolean> {
    const reportId = randomUUID();
    if (!(await this.repository.claim(day, policyDomain, reportId))) return false;
    const txt = await this.dns.query(`_smtp._tls.${policyDomain}`, 'TXT');
    const record = parseTlsRptRecords(txt.records.map(txtString));
    if (!record || 'problem' in record) {
      await this.repository.finish(
        day,
        policyDomain,
        'none',
        record?.problem ?? 'no TLSRPT record',
      );
      return false;
    }
    const { organization, submitter, contact, from, bounce } = this.identity();
    const json = buildReport(
      { organization, contact, reportId, day },
      await this.repository.rows(day, policyDomain),
    );
    const report = {
      policyDomain,
      submitter,
      reportId,
      filename: reportFilename(submitter, policyDomain, day, reportId),
      gzip: await gzipAsync(Buffer.from(JSON.stringify(json))),
    };
    const problems: string[] = [];
    for (const rua of record.rua) {
      const problem = await sendReport(
        rua,
        report,
        { transport: this.transport, from, bounce },
        this.https(),
      );
      if (problem) problems.push(`${rua}: ${problem}`);
    }
    const ok = problems.length < record.rua.length;
    await this.repository.finish(
      day,
      policyDomain,
      ok ? 'sent' : 'failed',
      problems.join('; ') || record.rua.join(', '),
    );
    if (!ok) this.logger.warn({ policyDomain, day, problems }, 'TLS report not delivered');
    return ok;
  }

  private identity() {
    const parsed = addressparser(this.config.notify.mailFrom, { flatten: true })[0];
    const address = parsed?.address || 'zegel@localhost';
    const submitter = address.slice(address.lastIndexOf('@') + 1);
    return {
      organization: this.config.tlsrpt.organization ?? submitter,
      submitter,
      contact: address,
      from: this.config.notify.mailFrom,
      bounce: address,
    };
  }

  private https(): HttpsSettings {
    const caFile = this.config.smarttls.caFile;
    return {
      ca: caFile ? [...rootCertificates, readFileSync(caFile, 'utf8')] : undefined,
      guard: this.guard,
      timeoutMs: 30_000,
      lookup: async (host) => {
        const [a, aaaa] = await Promise.all([
          this.dns.query(host, 'A'),
          this.dns.query(host, 'AAAA'),
        ]);
        return [...a.records, ...aaaa.records].map((r) => String(r.data));
      },
    };
  }
}
