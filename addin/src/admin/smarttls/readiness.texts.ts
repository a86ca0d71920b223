import type { Language } from '../../common/i18n';

export interface ReadinessTexts {
  title: string;
  intro: string;
  period: string;
  periodDays: (days: number) => string;
  loading: string;
  checkingSome: string;
  none: string;
  list: string;
  sent: (copies: number, direct: number, pickup: number) => string;
  lastSent: (when: string) => string;
  routeNow: string;
  routes: Record<'direct' | 'pickup' | 'hold', string>;
  verdict: string;
  verdicts: Record<'direct' | 'pickup' | 'defer' | 'pending' | 'failed', string>;
  why: string;
  fixTitle: string;
  nothingToFix: string;
  noAdvice: string;
  fullReport: (domain: string) => string;
  /** The route reasons (RouteReasonCode) in words for the admin; the server's English otherwise. */
  routeReasons: Record<string, string>;
}

const en: ReadinessTexts = {
  title: 'Readiness of the domains you send to',
  intro:
    'The recipient domains of recent mail, busiest first: the route confidential mail to them gets now, the SmartTLS verdict, and what the recipient’s IT department could change to receive it straight in the inbox.',
  period: 'Sent in',
  periodDays: (days) => `the last ${days} days`,
  loading: 'Checking the domains…',
  checkingSome: 'Some domains are still being checked; the list updates itself.',
  none: 'No mail was sent in this period.',
  list: 'Recipient domains',
  sent: (copies, direct, pickup) =>
    `${copies} ${copies === 1 ? 'copy' : 'copies'} sent: ${direct} direct, ${pickup} through the portal`,
  lastSent: (when) => `last on ${when}`,
  routeNow: 'Route now',
  routes: { direct: 'Direct to the inbox', pickup: 'Pickup portal', hold: 'Held' },
  verdict: 'SmartTLS',
  verdicts: {
    direct: 'Safe for direct delivery',
    pickup: 'Not safe enough',
    defer: 'Could not be checked',
    pending: 'Being checked…',
    failed: 'Check failed',
  },
  why: 'Why',
  fixTitle: 'What their IT department could change',
  nothingToFix: 'Nothing: the mail servers of this domain meet the policy.',
  noAdvice: 'No finding to act on yet; see the full report.',
  fullReport: (domain) => `Full report for ${domain}`,
  routeReasons: {
    DIRECT_UNAVAILABLE:
      'Zegel does not deliver directly in this installation (outbound mode), so every copy goes through the portal.',
    DIRECT_DISABLED: 'Your policy sends confidential mail through the portal only.',
    DOMAIN_FORCED_PICKUP: 'Your policy always sends mail to this domain through the portal.',
    DOMAIN_HELD: 'Your policy holds mail to this domain.',
    VERDICT_PENDING: 'The SmartTLS check is not finished; until then the portal is used.',
    SMARTTLS_PICKUP: 'The mail servers do not meet the SmartTLS policy.',
    SMARTTLS_DEFER: 'The mail servers could not be checked; the portal is used for now.',
    NTA7516_RECORD_MISSING:
      'Your policy asks for an NTA 7516 record, and this domain publishes none.',
    SMARTTLS_DIRECT: 'The mail servers meet the SmartTLS policy.',
  },
};

const nl: ReadinessTexts = {
  title: 'Gereedheid van de domeinen waarnaar u mailt',
  intro:
    'De ontvangende domeinen van recente mail, drukste eerst: de route die vertrouwelijke mail ernaartoe nu krijgt, het SmartTLS-oordeel, en wat de IT-afdeling van de ontvanger kan veranderen om mail rechtstreeks in de inbox te ontvangen.',
  period: 'Verstuurd in',
  periodDays: (days) => `de afgelopen ${days} dagen`,
  loading: 'Domeinen controleren…',
  checkingSome: 'Enkele domeinen worden nog gecontroleerd; de lijst werkt zichzelf bij.',
  none: 'In deze periode is geen mail verstuurd.',
  list: 'Ontvangende domeinen',
  sent: (copies, direct, pickup) =>
    `${copies} ${copies === 1 ? 'exemplaar' : 'exemplaren'} verstuurd: ${direct} rechtstreeks, ${pickup} via het portaal`,
  lastSent: (when) => `laatst op ${when}`,
  routeNow: 'Route nu',
  routes: { direct: 'Rechtstreeks in de inbox', pickup: 'Ophaalportaal', hold: 'Tegengehouden' },
  verdict: 'SmartTLS',
  verdicts: {
    direct: 'Veilig voor rechtstreekse aflevering',
    pickup: 'Niet veilig genoeg',
    defer: 'Kon niet worden gecontroleerd',
    pending: 'Wordt gecontroleerd…',
    failed: 'Controle mislukt',
  },
  why: 'Waarom',
  fixTitle: 'Wat hun IT-afdeling kan veranderen',
  nothingToFix: 'Niets: de mailservers van dit domein voldoen aan het beleid.',
  noAdvice: 'Nog geen bevinding om op te handelen; zie het volledige rapport.',
  fullReport: (domain) => `Volledig rapport voor ${domain}`,
  routeReasons: {
    DIRECT_UNAVAILABLE:
      'Zegel levert in deze installatie niet rechtstreeks af (uitgaande modus), dus elk exemplaar gaat via het portaal.',
    DIRECT_DISABLED: 'Uw beleid stuurt vertrouwelijke mail alleen via het portaal.',
    DOMAIN_FORCED_PICKUP: 'Uw beleid stuurt mail aan dit domein altijd via het portaal.',
    DOMAIN_HELD: 'Uw beleid houdt mail aan dit domein tegen.',
    VERDICT_PENDING: 'De SmartTLS-controle is nog niet klaar; tot dan wordt het portaal gebruikt.',
    SMARTTLS_PICKUP: 'De mailservers voldoen niet aan het SmartTLS-beleid.',
    SMARTTLS_DEFER:
      'De mailservers konden niet worden gecontroleerd; voorlopig gaat het via het portaal.',
    NTA7516_RECORD_MISSING:
      'Uw beleid vraagt een NTA 7516-record, en dit domein publiceert er geen.',
    SMARTTLS_DIRECT: 'De mailservers voldoen aan het SmartTLS-beleid.',
  },
};

export const READINESS_TEXTS: Record<Language, ReadinessTexts> = { en, nl };
