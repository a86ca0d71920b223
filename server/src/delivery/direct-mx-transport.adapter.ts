import type { OnApplicationShutdown } from '@nestjs/common';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { Readable } from 'node:stream';
import { domainOf } from '../policy/ruleset/domain-list.util';
import { deliveryRequirements } from '../smarttls/policy/delivery-requirements.util';
import type { SmartTlsService } from '../smarttls/smarttls.service';
import { combineFailures } from './delivery-error.util';
import { dkimSign, type DkimOptions } from './dkim.signer';
import { PermanentJobError } from '../queue/job-types';
import { MailTransport } from './mail-transport';
import type { HostOutcome, MxTarget, SessionSettings } from './mx-session.adapter';
import { MxSessionPool, type SessionPoolLimits } from './mx-session-pool';
import { withTransferEncodings } from './transfer-encoding';

/** The MX hosts to try for a domain and how strictly: the SmartTLS requirements when the verdict is direct. */
export async function mxTargets(
  smartTls: SmartTlsService,
  domain: string,
  caFile?: string,
): Promise<MxTarget[]> {
  const report = await smartTls.check(domain);
  if (report.verdict === 'direct') {
    return deliveryRequirements(report, caFile).hosts.map((h) => ({
      host: h.host,
      address: h.address,
      port: h.port,
      requirement: h,
    }));
  }
  return report.mx
    .filter((mx) => mx.address)
    .map((mx) => ({ host: mx.host, address: mx.address!, port: mx.port }));
}

/**
 * Outbound mode `direct`: Zegel's own mails (notifications, receipts, DSNs) go to each recipient
 * domain's MX hosts. Where SmartTLS says the domain is safe, the session is held to its
 * requirements; elsewhere STARTTLS is used whenever offered and a failed handshake is never
 * retried in the clear. These mails carry links and digests, never content. Sessions are kept
 * for the next mail to the same host (`MxSessionPool`), each checked when it opened.
 */
export class DirectMxTransport extends MailTransport implements OnApplicationShutdown {
  private readonly sessions: MxSessionPool;

  constructor(
    private readonly smartTls: SmartTlsService,
    private readonly settings: SessionSettings & { caFile?: string },
    private readonly dkim?: DkimOptions,
    poolLimits?: SessionPoolLimits,
  ) {
    super();
    this.sessions = new MxSessionPool(settings, poolLimits);
  }

  async send(mail: Mail.Options): Promise<{ messageId: string }> {
    const composer = new MailComposer(withTransferEncodings(mail)).compile();
    const envelope = composer.getEnvelope();
    const raw = await composer.build();
    const signed = await toBuffer(dkimSign(this.dkim, Readable.from([raw])));
    for (const to of envelope.to) {
      const domain = domainOf(to);
      const targets = await mxTargets(this.smartTls, domain, this.settings.caFile);
      if (!targets.length) {
        // A failed lookup may mend; a domain that does not exist or accepts no mail will not.
        const report = await this.smartTls.check(domain);
        const problem = `${domain} has no usable mail server (${report.reasons[0]?.message ?? report.verdict})`;
        if (report.verdict === 'defer' || report.mxLookup === 'error') throw new Error(problem);
        throw new PermanentJobError(problem);
      }
      const outcomes: HostOutcome[] = [];
      for (const target of targets) {
        const outcome = await this.sessions.deliver(target, { from: envelope.from || '', to }, () =>
          Readable.from([signed]),
        );
        outcomes.push(outcome);
        if (outcome.ok || outcome.kind === 'permanent') break;
      }
      if (outcomes.some((o) => o.ok)) continue;
      const failures = outcomes.filter((o): o is Extract<HostOutcome, { ok: false }> => !o.ok);
      const summary = failures.map((f) => `${f.host}: ${f.problem}`).join('; ');
      if (combineFailures(failures.map((f) => f.kind)) === 'permanent')
        throw new PermanentJobError(summary);
      throw new Error(summary);
    }
    return { messageId: composer.messageId() };
  }

  async close(): Promise<void> {
    this.sessions.close();
  }

  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

async function toBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}
