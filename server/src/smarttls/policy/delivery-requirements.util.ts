import type { DeliveryRequirements, HostRequirement, SmartTlsReport } from '../smarttls.types';
import { OPENSSL_TLS12_CIPHERS, TLS13_SUITES } from '../probe/cipher-list.util';
import { gradeCipher, isAcceptable } from '../grading/tls-grading.util';
import { isUsableTlsa } from './dane.util';

/** The suites a delivery session may use: TLS 1.3 and 1.2 suites graded sufficient or good. */
export const ALLOWED_CIPHERS = [
  ...TLS13_SUITES.filter((s) => isAcceptable(gradeCipher(s, 'TLSv1.3'))),
  ...OPENSSL_TLS12_CIPHERS.filter(([, iana]) => isAcceptable(gradeCipher(iana, 'TLSv1.2'))).map(
    ([o]) => o,
  ),
].join(':');

/**
 * What the delivery session must insist on, host by host, so that the mail is held to the verdict:
 * TLS ≥ 1.2 with allowed suites, and the DANE match when the host has usable TLSA records, else a
 * PKIX-valid certificate for the MX name. Nothing is returned unless the verdict is direct.
 */
export function deliveryRequirements(
  report: SmartTlsReport,
  caFile?: string,
): DeliveryRequirements {
  const hosts: HostRequirement[] =
    report.verdict !== 'direct'
      ? []
      : report.mx
          .filter((mx) => mx.address)
          .map((mx) => ({
            host: mx.host,
            address: mx.address!,
            port: mx.port,
            servername: mx.host,
            minVersion: 'TLSv1.2' as const,
            ciphers: ALLOWED_CIPHERS,
            authentication:
              mx.dane.state === 'usable'
                ? {
                    kind: 'dane' as const,
                    tlsa: mx.dane.records.filter(isUsableTlsa).map(({ usable: _u, ...r }) => r),
                  }
                : { kind: 'pkix' as const, caFile, checkName: true as const },
          }));
  return {
    domain: report.domain,
    verdict: report.verdict,
    policy: report.policy,
    hosts,
    expiresAt: report.expiresAt,
  };
}
