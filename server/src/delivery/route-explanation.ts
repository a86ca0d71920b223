import type { LocalisedText } from '@zegel/shared';

/** Why a copy went through the pickup portal: the route reason and the SmartTLS findings behind it. */
export interface PickupWhy {
  /** A route reason code (`RouteReasonCode`) or `DIRECT_SESSION_UNSAFE` after a failed delivery. */
  code: string;
  /** SmartTLS reason codes, with the mail server they concern. */
  details?: { code: string; host?: string }[];
}

const ROUTE: Record<string, LocalisedText> = {
  REGISTERED_ALWAYS_PICKUP: {
    nl: 'Dit is een aangetekend bericht. Aangetekende berichten worden altijd via het portaal afgegeven, zodat vastligt wanneer u het heeft opgehaald.',
    en: 'This is a registered message. Registered messages are always handed over through the portal, so that the time you collect it is on record.',
  },
  DIRECT_DISABLED: {
    nl: 'De afzender levert vertrouwelijke berichten niet rechtstreeks in de inbox af.',
    en: 'The sender does not deliver confidential messages straight into the inbox.',
  },
  DIRECT_UNAVAILABLE: {
    nl: 'De afzender levert vertrouwelijke berichten niet rechtstreeks in de inbox af.',
    en: 'The sender does not deliver confidential messages straight into the inbox.',
  },
  DOMAIN_FORCED_PICKUP: {
    nl: 'De afzender levert vertrouwelijke berichten aan uw domein altijd via het portaal af.',
    en: 'The sender always delivers confidential messages to your domain through the portal.',
  },
  VERDICT_PENDING: {
    nl: 'De beveiliging van uw mailserver was nog niet gecontroleerd toen het bericht verstuurd werd.',
    en: 'The security of your mail server had not yet been checked when the message was sent.',
  },
  NTA7516_RECORD_MISSING: {
    nl: 'Uw domein publiceert geen NTA 7516-record (DNS TXT), en de afzender eist dat voor rechtstreekse aflevering.',
    en: 'Your domain publishes no NTA 7516 record (DNS TXT), which the sender requires for delivery straight into the inbox.',
  },
  DIRECT_SESSION_UNSAFE: {
    nl: 'Bij het afleveren voldeed de verbinding met uw mailserver niet aan de eisen (versleuteling en een gecontroleerd certificaat).',
    en: 'When the message was delivered, the connection to your mail server did not meet the requirements (encryption and a verified certificate).',
  },
};

/** What a recipient's IT department can act on, per SmartTLS finding. */
const FINDING: Record<string, LocalisedText> = {
  NO_STARTTLS: {
    nl: 'de mailserver biedt geen STARTTLS aan (versleutelde aflevering is niet mogelijk)',
    en: 'the mail server does not offer STARTTLS (encrypted delivery is not possible)',
  },
  TLS_HANDSHAKE_FAILED: {
    nl: 'de TLS-verbinding met de mailserver kwam niet tot stand',
    en: 'the TLS connection to the mail server failed',
  },
  TLS_VERSION_TOO_LOW: {
    nl: 'de mailserver ondersteunt geen TLS 1.2 of hoger',
    en: 'the mail server does not support TLS 1.2 or later',
  },
  NO_SUFFICIENT_CIPHER: {
    nl: 'de mailserver biedt geen versleuteling aan die aan de NCSC-richtlijnen voldoet',
    en: 'the mail server offers no cipher that meets the NCSC guidelines',
  },
  CERT_UNTRUSTED: {
    nl: 'het certificaat van de mailserver is niet uitgegeven door een vertrouwde certificaatautoriteit',
    en: 'the mail server’s certificate is not issued by a trusted certificate authority',
  },
  CERT_NAME_MISMATCH: {
    nl: 'het certificaat van de mailserver staat niet op de naam uit het MX-record',
    en: 'the mail server’s certificate does not carry the name in the MX record',
  },
  NOT_AUTHENTICATED: {
    nl: 'de mailserver kon niet worden geauthenticeerd: publiceer DANE (TLSA-records met DNSSEC) of MTA-STS, of gebruik een certificaat van een vertrouwde autoriteit op de MX-naam',
    en: 'the mail server could not be authenticated: publish DANE (TLSA records with DNSSEC) or MTA-STS, or use a certificate from a trusted authority for the MX name',
  },
  DANE_MISMATCH: {
    nl: 'de TLSA-records (DANE) passen niet bij het certificaat van de mailserver',
    en: 'the TLSA records (DANE) do not match the mail server’s certificate',
  },
  DANE_NOT_AVAILABLE: {
    nl: 'de mailserver heeft geen TLSA-records met DNSSEC (DANE), en de afzender eist dat',
    en: 'the mail server has no TLSA records with DNSSEC (DANE), which the sender requires',
  },
  TLSA_LOOKUP_FAILED: {
    nl: 'de TLSA-records (DANE) konden niet worden opgevraagd',
    en: 'the TLSA records (DANE) could not be looked up',
  },
  MTA_STS_MX_MISMATCH: {
    nl: 'het MTA-STS-beleid van uw domein noemt deze mailserver niet',
    en: 'your domain’s MTA-STS policy does not list this mail server',
  },
  MTA_STS_FETCH_FAILED: {
    nl: 'het MTA-STS-beleid van uw domein kon niet worden opgehaald',
    en: 'your domain’s MTA-STS policy could not be fetched',
  },
  MX_LOOKUP_BOGUS: {
    nl: 'de DNSSEC-handtekening van de MX-records klopt niet',
    en: 'the DNSSEC signature of the MX records does not validate',
  },
  MX_LOOKUP_FAILED: {
    nl: 'de MX-records konden niet worden opgevraagd',
    en: 'the MX records could not be looked up',
  },
  MX_UNREACHABLE: {
    nl: 'de mailserver was niet bereikbaar',
    en: 'the mail server could not be reached',
  },
  MX_TEMPORARILY_UNAVAILABLE: {
    nl: 'de mailserver was tijdelijk niet beschikbaar',
    en: 'the mail server was temporarily unavailable',
  },
};

const SMARTTLS_INTRO: LocalisedText = {
  nl: 'De afzender levert vertrouwelijke berichten alleen rechtstreeks in uw inbox af als uw mailserver aantoonbaar veilig ontvangt (NTA 7516: versleuteld met TLS 1.2 of hoger en een geauthenticeerde server via DANE, MTA-STS of een vertrouwd certificaat). Dat was niet zo',
  en: 'The sender delivers confidential messages straight into your inbox only when your mail server demonstrably receives them safely (NTA 7516: encrypted with TLS 1.2 or later and an authenticated server through DANE, MTA-STS or a trusted certificate). That was not the case',
};

const FORWARD: LocalisedText = {
  nl: 'Geef dit door aan uw IT-afdeling; zodra uw mailserver aan de eisen voldoet, komen vertrouwelijke berichten weer rechtstreeks binnen.',
  en: 'Pass this on to your IT department; once your mail server meets the requirements, confidential messages arrive straight in the inbox again.',
};

/**
 * Why the message came through the portal and not straight into the inbox, in words the
 * recipient's IT department can act on. Null when there is nothing to explain.
 */
export function explainPickup(why: PickupWhy | undefined): LocalisedText | null {
  if (!why) return null;
  const fixed = ROUTE[why.code];
  const findings = uniqueFindings(why.details ?? []);
  if (fixed && !findings.length) {
    return why.code === 'REGISTERED_ALWAYS_PICKUP' ||
      why.code === 'DIRECT_DISABLED' ||
      why.code === 'DIRECT_UNAVAILABLE'
      ? fixed
      : { nl: `${fixed.nl} ${FORWARD.nl}`, en: `${fixed.en} ${FORWARD.en}` };
  }
  if (!fixed && !['SMARTTLS_PICKUP', 'SMARTTLS_DEFER'].includes(why.code)) return null;
  const list = (lang: 'nl' | 'en') =>
    findings.map((f) => `${FINDING[f.code][lang]}${f.host ? ` (${f.host})` : ''}`).join('; ');
  const lead = fixed ?? SMARTTLS_INTRO;
  const say = (lang: 'nl' | 'en') =>
    `${lead[lang].replace(/\.$/, '')}${findings.length ? `: ${list(lang)}` : ''}. ${FORWARD[lang]}`;
  return { nl: say('nl'), en: say('en') };
}

function uniqueFindings(details: { code: string; host?: string }[]) {
  const seen = new Set<string>();
  return details
    .filter((d) => {
      const key = `${d.code}/${d.host ?? ''}`;
      if (!FINDING[d.code] || seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, 4);
}
