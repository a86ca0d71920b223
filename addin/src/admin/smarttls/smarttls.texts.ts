import type { Language } from '../../common/i18n';
import type { Grade, MxFinding, SmartTlsPolicy, Verdict } from './smarttls-report';

export interface SmartTlsTexts {
  title: string;
  intro: string;
  form: string;
  domain: string;
  domainHint: string;
  policy: string;
  policies: Record<SmartTlsPolicy, string>;
  check: string;
  checking: (domain: string) => string;
  invalid: string;
  verdictTitle: Record<Verdict, string>;
  verdictText: Record<Verdict, string>;
  reasons: string;
  checkedAt: (when: string, seconds: string) => string;
  overview: string;
  mxRecords: string;
  mxSource: Record<'explicit' | 'implicit' | 'null-mx' | 'none', string>;
  dnssec: string;
  dnssecState: (s: string) => string;
  mtaSts: string;
  mtaStsState: (m: SmartTlsReportMtaSts) => string;
  nta7516: string;
  ntaState: (n: { present: boolean; valid: boolean; endDate?: string; problem?: string }) => string;
  servers: string;
  server: (host: string, address: string | null) => string;
  preference: string;
  starttls: string;
  starttlsState: Record<MxFinding['starttls'], string>;
  passes: (p: boolean | null) => string;
  overallGrade: string;
  versions: string;
  version: string;
  supported: string;
  yesNo: (v: boolean | null) => string;
  grade: string;
  grades: Record<Grade, string>;
  suites: string;
  suite: string;
  certificate: string;
  noCertificate: string;
  subject: string;
  issuer: string;
  names: string;
  key: string;
  validUntil: string;
  trust: string;
  trustState: (trusted: boolean, nameMatches: boolean, expired: boolean) => string;
  dane: string;
  daneState: Record<MxFinding['dane']['state'], string>;
  daneMatched: (m: boolean | null) => string;
  mtaStsMatch: string;
  notApplicable: string;
}

type SmartTlsReportMtaSts = {
  state: 'none' | 'found' | 'failed';
  policy?: { mode: string };
  problem?: string;
};

const GRADES_EN: Record<Grade, string> = {
  good: 'Good',
  sufficient: 'Sufficient',
  'phase-out': 'Phase out',
  insufficient: 'Insufficient',
};

export const SMARTTLS_TEXTS: Record<Language, SmartTlsTexts> = {
  en: {
    title: 'SmartTLS',
    intro:
      "Check a recipient domain's mail servers as SmartTLS does before it delivers: TLS versions, suites, certificate, DANE, MTA-STS and the NTA 7516 record, graded as Internet.nl does.",
    form: 'Check a domain',
    domain: 'Domain',
    domainHint: 'For example gemeente.nl',
    policy: 'Policy',
    policies: {
      'dane-or-mta-sts': 'DANE or MTA-STS (default)',
      pkix: 'Trusted certificate (PKIX)',
      'dane-only': 'DANE only',
    },
    check: 'Check',
    checking: (d) => `Checking ${d}… this can take a minute.`,
    invalid: 'Enter a domain name, such as example.nl.',
    verdictTitle: {
      direct: 'Secure: delivered straight to the inbox',
      pickup: 'Not secure enough: recipients pick the message up',
      defer: 'Undecided: the check will be repeated',
    },
    verdictText: {
      direct: 'Every mail server of this domain meets the policy.',
      pickup: 'At least one mail server does not meet the policy; see the reasons below.',
      defer: 'A mail server could not be checked completely right now.',
    },
    reasons: 'Reasons',
    checkedAt: (w, s) => `Checked ${w}, in ${s} s.`,
    overview: 'Domain',
    mxRecords: 'Mail servers (MX)',
    mxSource: {
      explicit: 'MX records',
      implicit: 'No MX: the domain itself',
      'null-mx': 'Null MX: the domain accepts no mail',
      none: 'None found',
    },
    dnssec: 'DNSSEC of the MX records',
    dnssecState: (s) =>
      ({
        secure: 'Signed and valid',
        insecure: 'Not signed',
        bogus: 'Signature not valid',
        error: 'No answer',
      })[s] ?? s,
    mtaSts: 'MTA-STS',
    mtaStsState: (m) =>
      m.state === 'found'
        ? `Policy in mode ${m.policy?.mode ?? '?'}`
        : m.state === 'failed'
          ? `Announced but not usable${m.problem ? `: ${m.problem}` : ''}`
          : 'Not published',
    nta7516: 'NTA 7516 record',
    ntaState: (n) =>
      !n.present
        ? 'Not published'
        : n.valid
          ? `Valid${n.endDate ? ` until ${n.endDate}` : ''}`
          : `Not valid${n.problem ? `: ${n.problem}` : ''}`,
    servers: 'Mail servers',
    server: (h, a) => `${h} (${a ?? 'no address'})`,
    preference: 'Preference',
    starttls: 'STARTTLS',
    starttlsState: {
      offered: 'Offered',
      'not-offered': 'Not offered',
      'temporarily-unavailable': 'Temporarily unavailable',
      unreachable: 'Unreachable',
    },
    passes: (p) => (p === null ? 'Undecided' : p ? 'Meets the policy' : 'Does not meet the policy'),
    overallGrade: 'Overall grade',
    versions: 'TLS versions',
    version: 'Version',
    supported: 'Supported',
    yesNo: (v) => (v === null ? 'Unknown' : v ? 'Yes' : 'No'),
    grade: 'Grade',
    grades: GRADES_EN,
    suites: 'Cipher suites',
    suite: 'Suite',
    certificate: 'Certificate',
    noCertificate: 'No certificate was received.',
    subject: 'Subject',
    issuer: 'Issuer',
    names: 'Names',
    key: 'Key',
    validUntil: 'Valid until',
    trust: 'Trust',
    trustState: (t, n, e) =>
      [
        t ? 'Trusted' : 'Not trusted',
        n ? 'name matches' : 'name does not match',
        e ? 'expired' : '',
      ]
        .filter(Boolean)
        .join(', '),
    dane: 'DANE',
    daneState: {
      'not-applicable': 'Not applicable (no DNSSEC)',
      none: 'No TLSA records',
      unusable: 'Only unusable TLSA records',
      usable: 'Usable TLSA records',
      'lookup-failed': 'TLSA lookup failed',
    },
    daneMatched: (m) =>
      m === null ? '' : m ? 'the certificate matches' : 'the certificate does not match',
    mtaStsMatch: 'In the MTA-STS policy',
    notApplicable: 'Not applicable',
  },
  nl: {
    title: 'SmartTLS',
    intro:
      'Controleer de mailservers van een ontvangend domein zoals SmartTLS dat doet voor het bezorgen: TLS-versies, suites, certificaat, DANE, MTA-STS en het NTA 7516-record, beoordeeld zoals Internet.nl dat doet.',
    form: 'Domein controleren',
    domain: 'Domein',
    domainHint: 'Bijvoorbeeld gemeente.nl',
    policy: 'Beleid',
    policies: {
      'dane-or-mta-sts': 'DANE of MTA-STS (standaard)',
      pkix: 'Vertrouwd certificaat (PKIX)',
      'dane-only': 'Alleen DANE',
    },
    check: 'Controleren',
    checking: (d) => `${d} wordt gecontroleerd… dit kan een minuut duren.`,
    invalid: 'Vul een domeinnaam in, zoals voorbeeld.nl.',
    verdictTitle: {
      direct: 'Veilig: direct in de inbox bezorgd',
      pickup: 'Niet veilig genoeg: ontvangers halen het bericht op',
      defer: 'Nog onbeslist: de controle wordt herhaald',
    },
    verdictText: {
      direct: 'Alle mailservers van dit domein voldoen aan het beleid.',
      pickup: 'Ten minste één mailserver voldoet niet aan het beleid; zie de redenen hieronder.',
      defer: 'Een mailserver kon nu niet volledig worden gecontroleerd.',
    },
    reasons: 'Redenen',
    checkedAt: (w, s) => `Gecontroleerd ${w}, in ${s} s.`,
    overview: 'Domein',
    mxRecords: 'Mailservers (MX)',
    mxSource: {
      explicit: 'MX-records',
      implicit: 'Geen MX: het domein zelf',
      'null-mx': 'Null MX: het domein ontvangt geen mail',
      none: 'Geen gevonden',
    },
    dnssec: 'DNSSEC van de MX-records',
    dnssecState: (s) =>
      ({
        secure: 'Ondertekend en geldig',
        insecure: 'Niet ondertekend',
        bogus: 'Handtekening ongeldig',
        error: 'Geen antwoord',
      })[s] ?? s,
    mtaSts: 'MTA-STS',
    mtaStsState: (m) =>
      m.state === 'found'
        ? `Beleid in modus ${m.policy?.mode ?? '?'}`
        : m.state === 'failed'
          ? `Aangekondigd maar niet bruikbaar${m.problem ? `: ${m.problem}` : ''}`
          : 'Niet gepubliceerd',
    nta7516: 'NTA 7516-record',
    ntaState: (n) =>
      !n.present
        ? 'Niet gepubliceerd'
        : n.valid
          ? `Geldig${n.endDate ? ` tot ${n.endDate}` : ''}`
          : `Niet geldig${n.problem ? `: ${n.problem}` : ''}`,
    servers: 'Mailservers',
    server: (h, a) => `${h} (${a ?? 'geen adres'})`,
    preference: 'Voorkeur',
    starttls: 'STARTTLS',
    starttlsState: {
      offered: 'Aangeboden',
      'not-offered': 'Niet aangeboden',
      'temporarily-unavailable': 'Tijdelijk niet beschikbaar',
      unreachable: 'Onbereikbaar',
    },
    passes: (p) =>
      p === null ? 'Onbeslist' : p ? 'Voldoet aan het beleid' : 'Voldoet niet aan het beleid',
    overallGrade: 'Totaaloordeel',
    versions: 'TLS-versies',
    version: 'Versie',
    supported: 'Ondersteund',
    yesNo: (v) => (v === null ? 'Onbekend' : v ? 'Ja' : 'Nee'),
    grade: 'Oordeel',
    grades: {
      good: 'Goed',
      sufficient: 'Voldoende',
      'phase-out': 'Uit te faseren',
      insufficient: 'Onvoldoende',
    },
    suites: 'Cipher suites',
    suite: 'Suite',
    certificate: 'Certificaat',
    noCertificate: 'Er is geen certificaat ontvangen.',
    subject: 'Onderwerp',
    issuer: 'Uitgever',
    names: 'Namen',
    key: 'Sleutel',
    validUntil: 'Geldig tot',
    trust: 'Vertrouwen',
    trustState: (t, n, e) =>
      [
        t ? 'Vertrouwd' : 'Niet vertrouwd',
        n ? 'naam klopt' : 'naam klopt niet',
        e ? 'verlopen' : '',
      ]
        .filter(Boolean)
        .join(', '),
    dane: 'DANE',
    daneState: {
      'not-applicable': 'Niet van toepassing (geen DNSSEC)',
      none: 'Geen TLSA-records',
      unusable: 'Alleen onbruikbare TLSA-records',
      usable: 'Bruikbare TLSA-records',
      'lookup-failed': 'Opvragen van TLSA mislukt',
    },
    daneMatched: (m) =>
      m === null ? '' : m ? 'het certificaat komt overeen' : 'het certificaat komt niet overeen',
    mtaStsMatch: 'In het MTA-STS-beleid',
    notApplicable: 'Niet van toepassing',
  },
};
