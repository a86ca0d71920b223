import type {
  DnssecStatus,
  MtaStsFinding,
  MxFinding,
  Reason,
  SmartTlsPolicy,
  SmartTlsReport,
  Verdict,
} from '../smarttls.types';
import { isAcceptable } from '../grading/tls-grading.util';

/** One host against the policy: passes (true), fails (false) or cannot be decided now (null). */
export interface HostOutcome {
  passes: boolean | null;
  reasons: Reason[];
}

const TLS12_OR_LATER = new Set(['TLSv1.2', 'TLSv1.3']);

/**
 * Decides whether one MX host meets the policy. The order mirrors what a sending MTA does: a failed
 * TLSA lookup or an unreachable host is temporary; a DANE mismatch is final under every policy,
 * because the delivery session would refuse it too (MTA-STS never overrides DANE).
 */
export function evaluateHost(
  mx: MxFinding,
  policy: SmartTlsPolicy,
  mtaSts: MtaStsFinding,
): HostOutcome {
  const host = mx.host;
  // A host with several addresses is judged per address: say which one.
  const who = mx.addresses.length > 1 && mx.address ? `${host} (${mx.address})` : host;
  const temp = (code: Reason['code'], message: string): HostOutcome => ({
    passes: null,
    reasons: [{ code, message, host }],
  });
  const fail = (code: Reason['code'], message: string): HostOutcome => ({
    passes: false,
    reasons: [{ code, message, host }],
  });

  if (mx.refused) {
    return fail('TARGET_REFUSED', `${host} (${mx.address}) was not checked: ${mx.refused}.`);
  }
  if (!mx.address) {
    return mx.addressDnssec === 'bogus' || mx.addressDnssec === 'error'
      ? temp(
          'ADDRESS_LOOKUP_FAILED',
          `The address of ${who} could not be looked up (${mx.addressDnssec}).`,
        )
      : fail('ADDRESS_LOOKUP_FAILED', `${who} has no address.`);
  }
  if (mx.dane.state === 'lookup-failed') {
    return temp(
      'TLSA_LOOKUP_FAILED',
      `The TLSA lookup of ${mx.dane.tlsaName} failed (${mx.dane.dnssec}); this MX cannot be used until it works.`,
    );
  }
  if (mx.starttls === 'unreachable') {
    return temp(
      'MX_UNREACHABLE',
      `${host} (${mx.address}) could not be reached${suffix(mx.smtpReply)}.`,
    );
  }
  if (mx.starttls === 'temporarily-unavailable') {
    return temp(
      'MX_TEMPORARILY_UNAVAILABLE',
      `${who} answered with a temporary failure${suffix(mx.smtpReply)}.`,
    );
  }
  if (mx.starttls === 'not-offered') {
    return fail(
      'NO_STARTTLS',
      `${who} does not offer STARTTLS: mail to it would travel unencrypted.`,
    );
  }
  if (!mx.negotiated) {
    return fail('TLS_HANDSHAKE_FAILED', `${who} offers STARTTLS but no TLS handshake succeeded.`);
  }
  const modern = mx.versions.filter((v) => v.supported && TLS12_OR_LATER.has(v.version));
  if (!modern.length) {
    const best = mx.versions.filter((v) => v.supported).pop()?.version ?? mx.negotiated.version;
    return fail(
      'TLS_VERSION_TOO_LOW',
      `${who} speaks at most ${best}; TLS 1.2 or newer is required.`,
    );
  }
  const goodSuites = mx.ciphers.filter(
    (c) => TLS12_OR_LATER.has(c.version) && isAcceptable(c.grade),
  );
  if (!goodSuites.length) {
    return fail(
      'NO_SUFFICIENT_CIPHER',
      `${who} accepts no cipher suite graded sufficient or good by the NCSC-NL guidelines.`,
    );
  }
  if (mx.dane.state === 'usable' && mx.dane.matched === false) {
    return fail(
      'DANE_MISMATCH',
      `${who} publishes TLSA records but its certificate does not match them (${mx.dane.problem ?? 'no match'}).`,
    );
  }
  const cert = mx.certificate;
  const daneOk = mx.dane.state === 'usable' && mx.dane.matched === true;
  const pkixOk = !!cert && cert.trusted && cert.nameMatches;
  const enforce = mtaSts.state === 'found' && mtaSts.policy?.mode === 'enforce';
  if (daneOk) {
    return {
      passes: true,
      reasons: [
        { code: 'AUTHENTICATED_BY_DANE', message: `${who} is authenticated by DANE.`, host },
      ],
    };
  }
  if (enforce && mx.mtaStsMatch === false) {
    return fail(
      'MTA_STS_MX_MISMATCH',
      `${who} is not listed in the domain's MTA-STS enforce policy.`,
    );
  }
  const pkixProblem = (): HostOutcome =>
    !cert || !cert.trusted
      ? fail('CERT_UNTRUSTED', `The certificate of ${who} is not trusted: ${describeTrust(cert)}.`)
      : fail(
          'CERT_NAME_MISMATCH',
          `The certificate of ${who} does not name ${host} (it names ${cert.names.join(', ') || 'nothing'}).`,
        );

  if (policy === 'dane-only') {
    const why =
      mx.dane.state === 'unusable'
        ? 'its TLSA records are all of unusable kinds'
        : mx.dane.state === 'not-applicable'
          ? 'its DNS answers are not DNSSEC-signed'
          : 'it publishes no TLSA records';
    return fail('DANE_NOT_AVAILABLE', `${who} cannot be authenticated by DANE: ${why}.`);
  }
  if (policy === 'pkix') {
    if (!pkixOk) return pkixProblem();
    return {
      passes: true,
      reasons: [
        {
          code: 'AUTHENTICATED_BY_PKIX',
          message: `${who} has a trusted certificate for its name.`,
          host,
        },
      ],
    };
  }
  if (enforce) {
    if (!pkixOk) return pkixProblem();
    return {
      passes: true,
      reasons: [
        {
          code: 'AUTHENTICATED_BY_MTA_STS',
          message: `${who} is authenticated by MTA-STS (enforce) and a trusted certificate.`,
          host,
        },
      ],
    };
  }
  return fail(
    'NOT_AUTHENTICATED',
    `${who} is authenticated neither by DANE nor by an MTA-STS policy in enforce mode.`,
  );
}

function describeTrust(cert: MxFinding['certificate']): string {
  if (!cert) return 'the server sent no certificate';
  if (cert.selfSigned) return 'it is self-signed';
  if (cert.expired) return 'it has expired';
  if (cert.chainIncomplete) return 'the server does not send the intermediate certificate';
  return cert.trustError ?? 'it does not chain to a trusted root';
}

const suffix = (reply?: string): string => (reply ? ` (${reply})` : '');

export interface DomainFacts {
  domain: string;
  mxLookup: { status: 'ok' | 'nxdomain' | 'error'; dnssec: DnssecStatus };
  mxSource: SmartTlsReport['mxSource'];
  hosts: { host: string; outcome: HostOutcome }[];
  notes: Reason[];
}

/**
 * The domain verdict: every MX must pass, otherwise an attacker who blocks the good ones forces
 * delivery to the weak one. A failing host makes it pickup; else a host that cannot be decided now
 * makes it defer.
 */
export function decideVerdict(facts: DomainFacts): { verdict: Verdict; reasons: Reason[] } {
  const { domain, mxLookup } = facts;
  if (mxLookup.dnssec === 'bogus') {
    return defer(
      'MX_LOOKUP_BOGUS',
      `The DNSSEC signatures of the MX records of ${domain} do not validate.`,
    );
  }
  if (mxLookup.status === 'error' || mxLookup.dnssec === 'error') {
    return defer('MX_LOOKUP_FAILED', `The MX records of ${domain} could not be looked up.`);
  }
  if (mxLookup.status === 'nxdomain') {
    return pickup('DOMAIN_NOT_FOUND', `The domain ${domain} does not exist.`);
  }
  if (facts.mxSource === 'null-mx') {
    return pickup('NULL_MX', `${domain} publishes a null MX: it accepts no mail.`);
  }
  if (facts.mxSource === 'none' || !facts.hosts.length) {
    return pickup('NO_MAIL_SERVER', `${domain} has no mail server (no MX and no address).`);
  }
  const failing = facts.hosts.filter((h) => h.outcome.passes === false);
  const open = facts.hosts.filter((h) => h.outcome.passes === null);
  const all = facts.hosts.flatMap((h) => h.outcome.reasons);
  if (failing.length) {
    return {
      verdict: 'pickup',
      reasons: [...failing.flatMap((h) => h.outcome.reasons), ...facts.notes],
    };
  }
  if (open.length) {
    return {
      verdict: 'defer',
      reasons: [...open.flatMap((h) => h.outcome.reasons), ...facts.notes],
    };
  }
  return { verdict: 'direct', reasons: [...all, ...facts.notes] };
}

const defer = (code: Reason['code'], message: string) => ({
  verdict: 'defer' as const,
  reasons: [{ code, message }],
});
const pickup = (code: Reason['code'], message: string) => ({
  verdict: 'pickup' as const,
  reasons: [{ code, message }],
});
