import { randomBytes } from 'node:crypto';
import { request } from 'node:https';
import type { OutboundGuard } from '../common/net/outbound-guard';
import { KIND_HEADER, type MailTransport } from '../delivery/mail-transport';

export interface ReportToSend {
  policyDomain: string;
  submitter: string;
  reportId: string;
  filename: string;
  /** The gzip-compressed JSON report. */
  gzip: Buffer;
}

export interface HttpsSettings {
  ca?: string[];
  lookup: (host: string) => Promise<string[]>;
  guard: OutboundGuard;
  timeoutMs: number;
}

/**
 * RFC 8460 section 5.3: a report by mail is multipart/report; report-type="tlsrpt" with the
 * gzip JSON as application/tlsrpt+gzip, and the TLS-Report-Domain and TLS-Report-Submitter
 * headers. Built as raw MIME because nodemailer has no multipart/report.
 */
export function reportMail(report: ReportToSend, from: string, to: string): string {
  const boundary = `tlsrpt-${randomBytes(12).toString('hex')}`;
  const body = report.gzip.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: Report Domain: ${report.policyDomain} Submitter: ${report.submitter} Report-ID: <${report.reportId}@${report.submitter}>`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${report.reportId}@${report.submitter}>`,
    `TLS-Report-Domain: ${report.policyDomain}`,
    `TLS-Report-Submitter: ${report.submitter}`,
    `${KIND_HEADER}: other`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type="tlsrpt"; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This is an aggregate TLS report (RFC 8460) from ${report.submitter} for ${report.policyDomain}.`,
    '',
    `--${boundary}`,
    `Content-Type: application/tlsrpt+gzip; name="${report.filename}"`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="${report.filename}"`,
    '',
    body.trimEnd(),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** Sends one report to one rua URI; resolves with a problem in words, or null when handed over. */
export async function sendReport(
  rua: string,
  report: ReportToSend,
  mail: { transport: MailTransport; from: string; bounce: string },
  https: HttpsSettings,
): Promise<string | null> {
  try {
    if (rua.toLowerCase().startsWith('mailto:')) {
      const to = decodeURIComponent(rua.slice('mailto:'.length).split('?')[0]);
      await mail.transport.send({
        raw: reportMail(report, mail.from, to),
        envelope: { from: mail.bounce, to: [to] },
      });
      return null;
    }
    return await post(rua, report.gzip, https);
  } catch (error) {
    return (error as Error).message;
  }
}

/** An https POST through the outbound guard; redirects are not followed. */
function post(url: string, body: Buffer, settings: HttpsSettings): Promise<string | null> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port || 443,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        servername: target.hostname,
        ...(settings.ca ? { ca: settings.ca } : {}),
        rejectUnauthorized: true,
        lookup: settings.guard.lookup(settings.lookup),
        timeout: settings.timeoutMs,
        headers: { 'content-type': 'application/tlsrpt+gzip', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        const ok = !!res.statusCode && res.statusCode >= 200 && res.statusCode < 300;
        resolve(ok ? null : `${target.host} answered HTTP ${res.statusCode}`);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)));
    req.on('error', (error) => resolve(`${target.host}: ${error.message}`));
    req.end(body);
  });
}
