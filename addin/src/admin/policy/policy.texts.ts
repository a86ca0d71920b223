import type { PickupLimits, RecipientRoute, RouteReasonCode } from '@zegel/shared';
import type { Language } from '../../common/i18n';
import type { DOMAIN_FIELDS, SWITCHES } from './policy-form.state';

type Bounds = { min: number; max: number };

const en = {
  title: 'Policy',
  intro:
    'How Zegel routes protected mail, how the pickup page limits recipients, and how long uncollected mail waits. Check the effect on recently used recipient domains before you save; every change is recorded with your name, before and after.',
  loading: 'Loading the policy…',
  routing: 'Routing',
  switches: {
    directDelivery: 'Confidential mail may go straight into the inbox when the route is safe',
    daneOnly: 'Direct only when the recipient’s mail servers are authenticated by DANE',
    requireNta7516Record: 'Direct only when the recipient domain publishes an NTA 7516 record',
  } satisfies Record<(typeof SWITCHES)[number], string>,
  domains: {
    holdDomains: 'Held domains: Zegel sends nothing to these',
    forcePickupDomains: 'Always pickup for these domains',
    internalDomains: 'Internal domains: the organisation’s own, no extra protection needed',
  } satisfies Record<(typeof DOMAIN_FIELDS)[number], string>,
  domainsHint: 'One domain a line, such as zorg.nl; it covers its subdomains too.',
  internalHint:
    'One domain a line. Forced pickup and the NTA 7516 record rule do not apply to them; TLS is still required, and registered mail still goes through pickup.',
  pickup: 'Pickup limits',
  pickupFields: {
    wrongCodesPerCopy: 'Wrong codes before a copy is locked',
    wrongCodesPerAddress: 'Wrong codes from one address before it is blocked',
    acceptWindowDays: 'Days to collect and answer (accept window)',
    downloadWindowHours: 'Hours an accepted message stays downloadable (download window)',
  } satisfies Record<keyof PickupLimits, string>,
  retention: 'Retention per classification',
  retentionIntro:
    'Days an uncollected message waits before it expires and its content is deleted. Empty: the accept window. Applies to messages sent from now on.',
  retentionLabel: (name: string) => `Retention for ${name} (days)`,
  retentionPlaceholder: (days: string) => `${days} (accept window)`,
  check: 'Check the effect',
  save: 'Save policy',
  checkFirst: 'Check the effect of your change first; then you can save it.',
  checking: 'Checking…',
  saved: (version: number) => `Policy saved (version ${version}).`,
  invalid: 'Not saved. Correct the fields marked below.',
  invalidCheck: 'Correct the fields marked below to see the effect.',
  conflict:
    'Someone else changed the policy since you opened it. Your change was not saved; the form shows the current policy.',
  effect: 'Effect on recently used recipient domains',
  effectNone: (domains: number) =>
    domains === 0
      ? 'No messages were sent recently, so there is nothing to compare.'
      : `No route or reason changes for ${domains === 1 ? 'the one recently used domain' : `the ${domains} recently used domains`}.`,
  effectSome: (changed: number, domains: number) =>
    `${changed} ${changed === 1 ? 'route or reason changes' : 'routes or reasons change'} among ${domains === 1 ? 'the one recently used domain' : `the ${domains} recently used domains`}.`,
  effectTable: 'Routes or reasons that change',
  columns: {
    domain: 'Domain',
    classification: 'Classification',
    verdict: 'Last SmartTLS verdict',
    before: 'Now',
    after: 'After saving',
  },
  verdicts: {
    direct: 'direct',
    pickup: 'pickup',
    defer: 'undecided',
    unknown: 'not checked recently',
  },
  routes: {
    direct: 'straight into the inbox',
    pickup: 'pickup',
    hold: 'not sent',
  } satisfies Record<RecipientRoute, string>,
  reasons: {
    NOT_ZEGELS_TO_SEND: 'not Zegel’s to send',
    UNKNOWN_CLASSIFICATION: 'unknown classification',
    DOMAIN_HELD: 'held domain',
    REGISTERED_ALWAYS_PICKUP: 'registered: always pickup',
    DIRECT_DISABLED: 'direct switched off',
    DIRECT_UNAVAILABLE: 'this installation does not deliver directly',
    DOMAIN_FORCED_PICKUP: 'forced pickup',
    VERDICT_PENDING: 'not checked yet',
    SMARTTLS_PICKUP: 'TLS not good enough',
    SMARTTLS_DEFER: 'TLS undecided',
    NTA7516_RECORD_MISSING: 'no NTA 7516 record',
    SMARTTLS_DIRECT: 'TLS good enough',
    INTERNAL_DOMAIN: 'internal domain',
  } satisfies Record<RouteReasonCode, string>,
  problems: {
    UNKNOWN_FIELD: () => 'This setting is not known.',
    WRONG_TYPE: (b?: Bounds) =>
      b ? `Enter a whole number from ${b.min} to ${b.max}.` : 'This value is not valid.',
    DOMAIN_INVALID: () => 'Enter domain names such as zorg.nl, one a line.',
    TOO_MANY: () => 'Too many domains: at most 1000.',
    TOO_LONG: () => 'A domain is too long.',
    OUT_OF_RANGE: (b?: Bounds) =>
      b ? `Enter a whole number from ${b.min} to ${b.max}.` : 'Out of range.',
    UNKNOWN_CLASSIFICATION: () => 'This classification no longer exists.',
    IF_MATCH_REQUIRED: () => 'Reload the page and try again.',
  } as Record<string, (b?: Bounds) => string>,
};

export type PolicyTexts = typeof en;

const nl: PolicyTexts = {
  title: 'Beleid',
  intro:
    'Hoe Zegel beschermde mail routeert, hoe de ophaalpagina ontvangers begrenst en hoe lang niet-opgehaalde mail wacht. Bekijk het effect op recent gebruikte ontvangerdomeinen voordat u opslaat; elke wijziging wordt vastgelegd met uw naam, de oude en de nieuwe waarde.',
  loading: 'Beleid laden…',
  routing: 'Routering',
  switches: {
    directDelivery: 'Vertrouwelijke mail mag rechtstreeks in de inbox als de route veilig is',
    daneOnly: 'Alleen rechtstreeks als de mailservers van de ontvanger met DANE zijn bevestigd',
    requireNta7516Record:
      'Alleen rechtstreeks als het domein van de ontvanger een NTA 7516-record publiceert',
  },
  domains: {
    holdDomains: 'Geblokkeerde domeinen: Zegel verstuurt hier niets naartoe',
    forcePickupDomains: 'Altijd ophalen voor deze domeinen',
    internalDomains: 'Interne domeinen: van de organisatie zelf, geen extra bescherming nodig',
  },
  domainsHint: 'Eén domein per regel, zoals zorg.nl; subdomeinen vallen eronder.',
  internalHint:
    'Eén domein per regel. Verplicht ophalen en de NTA 7516-recordregel gelden hier niet; TLS blijft verplicht en aangetekende mail gaat nog steeds via ophalen.',
  pickup: 'Grenzen van de ophaalpagina',
  pickupFields: {
    wrongCodesPerCopy: 'Foute codes voordat een kopie wordt geblokkeerd',
    wrongCodesPerAddress: 'Foute codes vanaf één adres voordat het wordt geblokkeerd',
    acceptWindowDays: 'Dagen om op te halen en te antwoorden (aanvaardingstermijn)',
    downloadWindowHours: 'Uren dat een aanvaard bericht te downloaden blijft (downloadtermijn)',
  },
  retention: 'Bewaartermijn per classificatie',
  retentionIntro:
    'Dagen dat een niet-opgehaald bericht wacht voordat het verloopt en de inhoud wordt verwijderd. Leeg: de aanvaardingstermijn. Geldt voor berichten die vanaf nu worden verstuurd.',
  retentionLabel: (name: string) => `Bewaartermijn voor ${name} (dagen)`,
  retentionPlaceholder: (days: string) => `${days} (aanvaardingstermijn)`,
  check: 'Effect bekijken',
  save: 'Beleid opslaan',
  checkFirst: 'Bekijk eerst het effect van uw wijziging; daarna kunt u opslaan.',
  checking: 'Bezig met controleren…',
  saved: (version: number) => `Beleid opgeslagen (versie ${version}).`,
  invalid: 'Niet opgeslagen. Verbeter de gemarkeerde velden hieronder.',
  invalidCheck: 'Verbeter de gemarkeerde velden hieronder om het effect te zien.',
  conflict:
    'Iemand anders heeft het beleid gewijzigd nadat u het opende. Uw wijziging is niet opgeslagen; het formulier toont het actuele beleid.',
  effect: 'Effect op recent gebruikte ontvangerdomeinen',
  effectNone: (domains: number) =>
    domains === 0
      ? 'Er is recent niets verstuurd, dus er valt niets te vergelijken.'
      : `Geen wijziging van route of reden voor ${domains === 1 ? 'het ene recent gebruikte domein' : `de ${domains} recent gebruikte domeinen`}.`,
  effectSome: (changed: number, domains: number) =>
    `${changed} ${changed === 1 ? 'route of reden verandert' : 'routes of redenen veranderen'} bij ${domains === 1 ? 'het ene recent gebruikte domein' : `de ${domains} recent gebruikte domeinen`}.`,
  effectTable: 'Routes of redenen die veranderen',
  columns: {
    domain: 'Domein',
    classification: 'Classificatie',
    verdict: 'Laatste SmartTLS-oordeel',
    before: 'Nu',
    after: 'Na opslaan',
  },
  verdicts: {
    direct: 'rechtstreeks',
    pickup: 'ophalen',
    defer: 'onbeslist',
    unknown: 'niet recent gecontroleerd',
  },
  routes: {
    direct: 'rechtstreeks in de inbox',
    pickup: 'ophalen',
    hold: 'niet verstuurd',
  },
  reasons: {
    NOT_ZEGELS_TO_SEND: 'niet voor Zegel',
    UNKNOWN_CLASSIFICATION: 'onbekende classificatie',
    DOMAIN_HELD: 'geblokkeerd domein',
    REGISTERED_ALWAYS_PICKUP: 'aangetekend: altijd ophalen',
    DIRECT_DISABLED: 'rechtstreeks uitgeschakeld',
    DIRECT_UNAVAILABLE: 'deze installatie levert niet rechtstreeks af',
    DOMAIN_FORCED_PICKUP: 'verplicht ophalen',
    VERDICT_PENDING: 'nog niet gecontroleerd',
    SMARTTLS_PICKUP: 'TLS niet goed genoeg',
    SMARTTLS_DEFER: 'TLS onbeslist',
    NTA7516_RECORD_MISSING: 'geen NTA 7516-record',
    SMARTTLS_DIRECT: 'TLS goed genoeg',
    INTERNAL_DOMAIN: 'intern domein',
  },
  problems: {
    UNKNOWN_FIELD: () => 'Deze instelling is onbekend.',
    WRONG_TYPE: (b?: Bounds) =>
      b ? `Vul een heel getal in van ${b.min} tot en met ${b.max}.` : 'Deze waarde is ongeldig.',
    DOMAIN_INVALID: () => 'Vul domeinnamen in zoals zorg.nl, één per regel.',
    TOO_MANY: () => 'Te veel domeinen: hoogstens 1000.',
    TOO_LONG: () => 'Een domein is te lang.',
    OUT_OF_RANGE: (b?: Bounds) =>
      b
        ? `Vul een heel getal in van ${b.min} tot en met ${b.max}.`
        : 'Buiten het toegestane bereik.',
    UNKNOWN_CLASSIFICATION: () => 'Deze classificatie bestaat niet meer.',
    IF_MATCH_REQUIRED: () => 'Laad de pagina opnieuw en probeer het nog eens.',
  },
};

export const POLICY_TEXTS: Record<Language, PolicyTexts> = { en, nl };
