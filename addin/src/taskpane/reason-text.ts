import type { RouteReason, RouteReasonCode } from '@zegel/shared';
import type { Language } from '../common/i18n';

/** Dutch for the preflight's reasons (the server words them in English). */
const NL: Record<RouteReasonCode, (domain: string) => string> = {
  NOT_ZEGELS_TO_SEND: () =>
    'Zegel verstuurt mail met dit label niet: Exchange verstuurt hem zoals gewoonlijk.',
  UNKNOWN_CLASSIFICATION: () => 'Zegel heeft geen regels voor dit label.',
  DOMAIN_HELD: (d) => `Het beleid van de organisatie verstuurt niets naar ${d}.`,
  REGISTERED_ALWAYS_PICKUP: () =>
    'Aangetekende mail gaat altijd via de ophaalpagina met een CE-ID, voor het bewijsspoor.',
  DIRECT_DISABLED: () =>
    'Het beleid van de organisatie verstuurt vertrouwelijke mail alleen via de ophaalpagina.',
  DOMAIN_FORCED_PICKUP: (d) => `Het beleid van de organisatie gebruikt de ophaalpagina voor ${d}.`,
  DIRECT_UNAVAILABLE: () =>
    'Deze installatie levert niet zelf af bij mailservers van ontvangers; de ophaalpagina is de route.',
  VERDICT_PENDING: (d) =>
    `De mailservers van ${d} worden nog gecontroleerd; de ophaalpagina is de veilige route.`,
  SMARTTLS_DEFER: (d) =>
    `Of ${d} veilig is, is nu niet vast te stellen; de ophaalpagina is de veilige route.`,
  SMARTTLS_PICKUP: (d) =>
    `De mailservers van ${d} voldoen niet aan de TLS-eisen voor directe aflevering.`,
  NTA7516_RECORD_MISSING: (d) =>
    `${d} publiceert geen geldig NTA 7516-record, wat het beleid voor directe aflevering vereist.`,
  SMARTTLS_DIRECT: (d) => `De mailservers van ${d} voldoen aan de TLS-eisen: direct in de inbox.`,
  INTERNAL_DOMAIN: (d) =>
    `${d} is een eigen domein van de organisatie en de mailservers voldoen aan de TLS-eisen: direct in de inbox.`,
};

/** The reason in the pane's language; the server's own words for English and unknown codes. */
export function reasonText(language: Language, reason: RouteReason, domain: string): string {
  if (language === 'en') return reason.message;
  const text = NL[reason.code];
  return text ? text(domain) : reason.message;
}
