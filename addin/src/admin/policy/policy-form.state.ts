import type { OrgPolicyView, PickupLimits } from '@zegel/shared';

export const PICKUP_FIELDS = [
  'wrongCodesPerCopy',
  'wrongCodesPerAddress',
  'acceptWindowDays',
  'downloadWindowHours',
] as const satisfies readonly (keyof PickupLimits)[];

export const DOMAIN_FIELDS = ['holdDomains', 'forcePickupDomains', 'internalDomains'] as const;
export const SWITCHES = ['directDelivery', 'daneOnly', 'requireNta7516Record'] as const;

/** What the form edits: lists as text (one domain a line), numbers as typed. */
export interface PolicyForm {
  switches: Record<(typeof SWITCHES)[number], boolean>;
  domains: Record<(typeof DOMAIN_FIELDS)[number], string>;
  pickup: Record<keyof PickupLimits, string>;
  /** Per classification id; empty = the accept window. */
  retention: Record<string, string>;
}

/** The body of PUT and of the preflight. */
export interface PolicyBody {
  directDelivery: boolean;
  daneOnly: boolean;
  requireNta7516Record: boolean;
  holdDomains: string[];
  forcePickupDomains: string[];
  internalDomains: string[];
  pickup: Record<keyof PickupLimits, number | string>;
  retentionDays: Record<string, number | string | null>;
}

export function formFromView(view: OrgPolicyView, classificationIds: string[]): PolicyForm {
  return {
    switches: {
      directDelivery: view.directDelivery,
      daneOnly: view.daneOnly,
      requireNta7516Record: view.requireNta7516Record,
    },
    domains: {
      holdDomains: view.holdDomains.join('\n'),
      forcePickupDomains: view.forcePickupDomains.join('\n'),
      internalDomains: view.internalDomains.join('\n'),
    },
    pickup: Object.fromEntries(
      PICKUP_FIELDS.map((f) => [f, String(view.pickup[f])]),
    ) as PolicyForm['pickup'],
    retention: Object.fromEntries(
      classificationIds.map((id) => [id, view.retentionDays[id]?.toString() ?? '']),
    ),
  };
}

/** Domains typed one a line (commas and spaces also separate). */
export function splitDomains(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/** A whole number as typed becomes a number; anything else goes as typed, for the server to name. */
function numberOrText(value: string): number | string {
  return /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : value;
}

export function bodyFromForm(form: PolicyForm): PolicyBody {
  return {
    ...form.switches,
    holdDomains: splitDomains(form.domains.holdDomains),
    forcePickupDomains: splitDomains(form.domains.forcePickupDomains),
    internalDomains: splitDomains(form.domains.internalDomains),
    pickup: Object.fromEntries(
      PICKUP_FIELDS.map((f) => [f, numberOrText(form.pickup[f])]),
    ) as PolicyBody['pickup'],
    retentionDays: Object.fromEntries(
      Object.entries(form.retention).map(([id, v]) => [
        id,
        v.trim() === '' ? null : numberOrText(v),
      ]),
    ),
  };
}

/**
 * The server's field problems by the form field they belong to: `pickup.x` and `retentionDays.x`
 * keep two parts, a list entry (`holdDomains.3`) belongs to its list. The first problem counts.
 */
export function problemsByField(
  details: { path: string; code?: string }[],
): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const d of details) {
    const parts = d.path.split('.');
    const field =
      parts[0] === 'pickup' || parts[0] === 'retentionDays'
        ? parts.slice(0, 2).join('.')
        : parts[0];
    problems[field] ??= d.code ?? 'WRONG_TYPE';
  }
  return problems;
}
