/**
 * Dutch for the server's reason codes. The server writes its reason messages in English (they go
 * into logs and the CLI too), so the Dutch page says the same per code, naming the host.
 */
export const REASONS_NL: Record<string, (host: string) => string> = {
  MX_LOOKUP_FAILED: () => 'De MX-records konden niet worden opgevraagd.',
  MX_LOOKUP_BOGUS: () => 'De DNSSEC-handtekening van de MX-records is ongeldig.',
  DOMAIN_NOT_FOUND: () => 'Het domein bestaat niet.',
  NULL_MX: () => 'Het domein ontvangt geen mail (null MX).',
  NO_MAIL_SERVER: () => 'Het domein heeft geen mailserver.',
  ADDRESS_LOOKUP_FAILED: (h) => `Het adres van ${h} kon niet worden opgevraagd.`,
  MX_UNREACHABLE: (h) => `${h} is niet bereikbaar.`,
  MX_TEMPORARILY_UNAVAILABLE: (h) => `${h} is tijdelijk niet beschikbaar.`,
  NO_STARTTLS: (h) =>
    `${h} biedt geen STARTTLS aan: mail ernaartoe zou onversleuteld over het internet gaan.`,
  TLS_HANDSHAKE_FAILED: (h) => `Er kon geen TLS-verbinding met ${h} worden opgezet.`,
  TLS_VERSION_TOO_LOW: (h) => `${h} biedt geen TLS 1.2 of hoger aan.`,
  NO_SUFFICIENT_CIPHER: (h) => `${h} biedt geen cipher suite aan die minstens voldoende is.`,
  TLSA_LOOKUP_FAILED: (h) => `De TLSA-records van ${h} konden niet worden opgevraagd.`,
  DANE_MISMATCH: (h) => `Het certificaat van ${h} komt niet overeen met de TLSA-records (DANE).`,
  DANE_NOT_AVAILABLE: (h) => `${h} heeft geen bruikbare DANE-records, en het beleid vraagt DANE.`,
  CERT_UNTRUSTED: (h) => `Het certificaat van ${h} is niet vertrouwd.`,
  CERT_NAME_MISMATCH: (h) => `Het certificaat van ${h} staat niet op die naam.`,
  NOT_AUTHENTICATED: (h) => `${h} kan niet worden geauthenticeerd met DANE of MTA-STS.`,
  MTA_STS_MX_MISMATCH: (h) => `${h} staat niet in het MTA-STS-beleid van het domein.`,
  MTA_STS_FETCH_FAILED: () => 'Het MTA-STS-beleid is aangekondigd maar kon niet worden opgehaald.',
  AUTHENTICATED_BY_DANE: (h) => `${h} is geauthenticeerd met DANE.`,
  AUTHENTICATED_BY_MTA_STS: (h) => `${h} is geauthenticeerd met MTA-STS.`,
  AUTHENTICATED_BY_PKIX: (h) => `${h} heeft een vertrouwd certificaat op de juiste naam.`,
  PROBE_INCOMPLETE: (h) => `De controle van ${h} is niet afgerond; die wordt herhaald.`,
  TARGET_REFUSED: (h) => `Zegel maakt geen verbinding met ${h} (een intern adres).`,
};
