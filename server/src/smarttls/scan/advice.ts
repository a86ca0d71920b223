import type { ReasonCode } from '../smarttls.types';

export type Language = 'nl' | 'en';

interface Advice {
  /** What the finding means, for the recipient's IT department. */
  why: string;
  /** What to change; empty for findings that need nothing. */
  fix: string;
}

/**
 * Every SmartTLS reason in words, with what to change, in Dutch and English. The messages in the
 * report name the host; these texts explain and advise.
 */
export const ADVICE: Record<ReasonCode, Record<Language, Advice>> = {
  MX_LOOKUP_FAILED: {
    en: {
      why: 'The MX records could not be looked up.',
      fix: 'Check that the name servers of the domain answer MX queries over UDP and TCP.',
    },
    nl: {
      why: 'De MX-records konden niet worden opgevraagd.',
      fix: 'Controleer dat de naamservers van het domein MX-vragen beantwoorden, via UDP en TCP.',
    },
  },
  MX_LOOKUP_BOGUS: {
    en: {
      why: 'The DNSSEC signatures of the MX records do not validate.',
      fix: 'Re-sign the zone and check the DS record at the parent; expired signatures are the usual cause.',
    },
    nl: {
      why: 'De DNSSEC-handtekeningen van de MX-records zijn ongeldig.',
      fix: 'Onderteken de zone opnieuw en controleer het DS-record bij de bovenliggende zone; verlopen handtekeningen zijn de gebruikelijke oorzaak.',
    },
  },
  DOMAIN_NOT_FOUND: {
    en: { why: 'The domain does not exist.', fix: 'Check the spelling of the address.' },
    nl: { why: 'Het domein bestaat niet.', fix: 'Controleer de spelling van het adres.' },
  },
  NULL_MX: {
    en: { why: 'The domain says it accepts no mail (null MX).', fix: '' },
    nl: { why: 'Het domein geeft aan geen e-mail te ontvangen (null MX).', fix: '' },
  },
  NO_MAIL_SERVER: {
    en: { why: 'The domain has no mail server.', fix: 'Publish MX records for the domain.' },
    nl: { why: 'Het domein heeft geen mailserver.', fix: 'Publiceer MX-records voor het domein.' },
  },
  ADDRESS_LOOKUP_FAILED: {
    en: {
      why: 'The address of a mail server could not be looked up.',
      fix: 'Publish A and/or AAAA records for every MX host name.',
    },
    nl: {
      why: 'Het adres van een mailserver kon niet worden opgevraagd.',
      fix: 'Publiceer A- en/of AAAA-records voor elke MX-hostnaam.',
    },
  },
  MX_UNREACHABLE: {
    en: {
      why: 'A mail server could not be reached on port 25.',
      fix: 'Check that every address of every MX accepts connections on port 25, IPv6 included.',
    },
    nl: {
      why: 'Een mailserver was niet bereikbaar op poort 25.',
      fix: 'Controleer dat elk adres van elke MX verbindingen op poort 25 aanneemt, ook via IPv6.',
    },
  },
  MX_TEMPORARILY_UNAVAILABLE: {
    en: {
      why: 'A mail server answered with a temporary failure (4xx), often rate limiting.',
      fix: 'Nothing, if this is rare; otherwise allow the checking address more connections.',
    },
    nl: {
      why: 'Een mailserver gaf een tijdelijke fout (4xx), vaak door een limiet op verbindingen.',
      fix: 'Niets, als dit zelden gebeurt; anders het controlerende adres meer verbindingen toestaan.',
    },
  },
  NO_STARTTLS: {
    en: {
      why: 'A mail server does not offer STARTTLS: mail to it travels unencrypted.',
      fix: 'Enable STARTTLS with a certificate on every mail server.',
    },
    nl: {
      why: 'Een mailserver biedt geen STARTTLS aan: mail ernaartoe gaat onversleuteld.',
      fix: 'Zet STARTTLS met een certificaat aan op elke mailserver.',
    },
  },
  TLS_HANDSHAKE_FAILED: {
    en: {
      why: 'A mail server offers STARTTLS, but no TLS connection could be made.',
      fix: 'Check the certificate and key configuration and the TLS versions allowed.',
    },
    nl: {
      why: 'Een mailserver biedt STARTTLS aan, maar er kwam geen TLS-verbinding tot stand.',
      fix: 'Controleer de configuratie van certificaat en sleutel en de toegestane TLS-versies.',
    },
  },
  TLS_VERSION_TOO_LOW: {
    en: {
      why: 'A mail server speaks no TLS 1.2 or 1.3.',
      fix: 'Enable TLS 1.2 and TLS 1.3; switch off SSL 3, TLS 1.0 and TLS 1.1.',
    },
    nl: {
      why: 'Een mailserver spreekt geen TLS 1.2 of 1.3.',
      fix: 'Zet TLS 1.2 en TLS 1.3 aan; zet SSL 3, TLS 1.0 en TLS 1.1 uit.',
    },
  },
  NO_SUFFICIENT_CIPHER: {
    en: {
      why: 'A mail server accepts no cipher suite that the NCSC-NL guidelines call sufficient.',
      fix: 'Offer ECDHE with AES-GCM or ChaCha20-Poly1305 (TLS 1.2) and the TLS 1.3 suites.',
    },
    nl: {
      why: 'Een mailserver accepteert geen versleutelingsmethode die volgens de NCSC-richtlijnen voldoende is.',
      fix: 'Bied ECDHE met AES-GCM of ChaCha20-Poly1305 (TLS 1.2) en de TLS 1.3-suites aan.',
    },
  },
  TLSA_LOOKUP_FAILED: {
    en: {
      why: 'The TLSA (DANE) lookup of a mail server failed; the server cannot be used until it works.',
      fix: 'Check that the name servers answer TLSA queries and that the DNSSEC signatures are valid.',
    },
    nl: {
      why: 'Het opvragen van het TLSA-record (DANE) van een mailserver mislukte; die server is onbruikbaar tot dit werkt.',
      fix: 'Controleer dat de naamservers TLSA-vragen beantwoorden en dat de DNSSEC-handtekeningen geldig zijn.',
    },
  },
  DANE_MISMATCH: {
    en: {
      why: 'The certificate of a mail server does not match its TLSA records.',
      fix: 'Publish a TLSA record for the certificate in use (DANE-EE 3 1 1), and keep a record for the next key before a rollover.',
    },
    nl: {
      why: 'Het certificaat van een mailserver past niet bij zijn TLSA-records.',
      fix: 'Publiceer een TLSA-record voor het gebruikte certificaat (DANE-EE 3 1 1) en zet vóór een sleutelwissel al een record voor de volgende sleutel neer.',
    },
  },
  DANE_NOT_AVAILABLE: {
    en: {
      why: 'A mail server cannot be authenticated by DANE.',
      fix: 'Sign the zones with DNSSEC and publish TLSA records (3 1 1) for every MX.',
    },
    nl: {
      why: 'Een mailserver kan niet met DANE worden geauthenticeerd.',
      fix: 'Onderteken de zones met DNSSEC en publiceer TLSA-records (3 1 1) voor elke MX.',
    },
  },
  CERT_UNTRUSTED: {
    en: {
      why: 'The certificate of a mail server is not trusted (self-signed, expired, or the intermediate is missing).',
      fix: 'Use a certificate from a public CA and send the intermediate certificate along; or publish DANE.',
    },
    nl: {
      why: 'Het certificaat van een mailserver wordt niet vertrouwd (zelfondertekend, verlopen of zonder tussencertificaat).',
      fix: 'Gebruik een certificaat van een publieke CA en stuur het tussencertificaat mee; of publiceer DANE.',
    },
  },
  CERT_NAME_MISMATCH: {
    en: {
      why: 'The certificate of a mail server does not carry the MX host name.',
      fix: 'Add the MX host name to the certificate (subjectAltName).',
    },
    nl: {
      why: 'Het certificaat van een mailserver bevat de MX-hostnaam niet.',
      fix: 'Neem de MX-hostnaam op in het certificaat (subjectAltName).',
    },
  },
  NOT_AUTHENTICATED: {
    en: {
      why: 'The mail servers are authenticated neither by DANE nor by MTA-STS in enforce mode.',
      fix: 'Publish DANE (DNSSEC and TLSA) or an MTA-STS policy in enforce mode.',
    },
    nl: {
      why: 'De mailservers worden niet geauthenticeerd met DANE en niet met MTA-STS in enforce-modus.',
      fix: 'Publiceer DANE (DNSSEC en TLSA) of een MTA-STS-beleid in enforce-modus.',
    },
  },
  MTA_STS_MX_MISMATCH: {
    en: {
      why: 'A mail server is not listed in the MTA-STS policy.',
      fix: 'List every MX host name in the policy (mx: lines).',
    },
    nl: {
      why: 'Een mailserver staat niet in het MTA-STS-beleid.',
      fix: 'Neem elke MX-hostnaam op in het beleid (mx:-regels).',
    },
  },
  MTA_STS_FETCH_FAILED: {
    en: {
      why: 'The MTA-STS policy could not be fetched.',
      fix: 'Serve https://mta-sts.<domain>/.well-known/mta-sts.txt as text/plain with a valid certificate, without redirects.',
    },
    nl: {
      why: 'Het MTA-STS-beleid kon niet worden opgehaald.',
      fix: 'Bied https://mta-sts.<domein>/.well-known/mta-sts.txt aan als text/plain met een geldig certificaat, zonder doorverwijzing.',
    },
  },
  AUTHENTICATED_BY_DANE: {
    en: { why: 'Authenticated by DANE.', fix: '' },
    nl: { why: 'Geauthenticeerd met DANE.', fix: '' },
  },
  AUTHENTICATED_BY_MTA_STS: {
    en: { why: 'Authenticated by MTA-STS (enforce) and a trusted certificate.', fix: '' },
    nl: { why: 'Geauthenticeerd met MTA-STS (enforce) en een vertrouwd certificaat.', fix: '' },
  },
  AUTHENTICATED_BY_PKIX: {
    en: { why: 'A trusted certificate for the host name.', fix: '' },
    nl: { why: 'Een vertrouwd certificaat voor de hostnaam.', fix: '' },
  },
  PROBE_INCOMPLETE: {
    en: {
      why: 'Some probes got no answer; some findings may be missing.',
      fix: 'Check again later; a server that limits connections per minute can cause this.',
    },
    nl: {
      why: 'Sommige controles kregen geen antwoord; er kunnen bevindingen ontbreken.',
      fix: 'Controleer later opnieuw; een server die het aantal verbindingen per minuut beperkt kan dit veroorzaken.',
    },
  },
  TARGET_REFUSED: {
    en: {
      why: 'A mail server resolves to a loopback, private or reserved address, which Zegel does not connect to.',
      fix: 'Publish public addresses for the MX hosts.',
    },
    nl: {
      why: 'Een mailserver verwijst naar een loopback-, privé- of gereserveerd adres, waarmee Zegel geen verbinding maakt.',
      fix: 'Publiceer publieke adressen voor de MX-hosts.',
    },
  },
};
