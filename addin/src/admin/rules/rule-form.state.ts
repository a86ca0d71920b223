import type { MailFlowConditions, MailFlowRuleInput, MailFlowRuleView } from '@zegel/shared';

/** The rule form as the admin types it: lists as text, one item per line or comma. */
export interface RuleFormState {
  name: string;
  enabled: boolean;
  classification: string;
  senderAddresses: string;
  senderDomains: string;
  recipientDomains: string;
  subjectKeywords: string;
  bodyKeywords: string;
  headerName: string;
  headerContains: string;
  msipLabelIds: string;
  hasAttachment: 'any' | 'yes' | 'no';
}

export type ListField =
  | 'senderAddresses'
  | 'senderDomains'
  | 'recipientDomains'
  | 'subjectKeywords'
  | 'bodyKeywords'
  | 'msipLabelIds';

export const LIST_FIELDS: readonly ListField[] = [
  'senderAddresses',
  'senderDomains',
  'recipientDomains',
  'subjectKeywords',
  'bodyKeywords',
  'msipLabelIds',
];

export const EMPTY_RULE_FORM: RuleFormState = {
  name: '',
  enabled: true,
  classification: 'confidential',
  senderAddresses: '',
  senderDomains: '',
  recipientDomains: '',
  subjectKeywords: '',
  bodyKeywords: '',
  headerName: '',
  headerContains: '',
  msipLabelIds: '',
  hasAttachment: 'any',
};

/** Lines or commas → trimmed, non-empty items (keywords may hold spaces, not commas). */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}

export function formFromRule(rule: MailFlowRuleView): RuleFormState {
  const c = rule.conditions;
  const list = (items?: string[]) => (items ?? []).join('\n');
  return {
    name: rule.name,
    enabled: rule.enabled,
    classification: rule.classification,
    senderAddresses: list(c.senderAddresses),
    senderDomains: list(c.senderDomains),
    recipientDomains: list(c.recipientDomains),
    subjectKeywords: list(c.subjectKeywords),
    bodyKeywords: list(c.bodyKeywords),
    headerName: c.header?.name ?? '',
    headerContains: c.header?.contains ?? '',
    msipLabelIds: list(c.msipLabelIds),
    hasAttachment: c.hasAttachment === undefined ? 'any' : c.hasAttachment ? 'yes' : 'no',
  };
}

/** The API body; empty fields are left out, so the server judges only what the admin set. */
export function ruleInputFromForm(form: RuleFormState): MailFlowRuleInput {
  const conditions: MailFlowConditions = {};
  for (const field of LIST_FIELDS) {
    const items = splitList(form[field]);
    if (items.length) conditions[field] = items;
  }
  if (form.headerName.trim() || form.headerContains.trim())
    conditions.header = { name: form.headerName.trim(), contains: form.headerContains };
  if (form.hasAttachment !== 'any') conditions.hasAttachment = form.hasAttachment === 'yes';
  return {
    name: form.name,
    enabled: form.enabled,
    conditions,
    classification: form.classification,
  };
}

/**
 * The form field an API problem belongs to: `conditions.senderDomains.0` → `senderDomains`,
 * `conditions.header.name` → `header`, a problem with the conditions as a whole → `conditions`.
 */
export function fieldOfProblem(path: string): string {
  const parts = path.split('.');
  if (parts[0] === 'conditions') return parts[1] ?? 'conditions';
  return parts[0];
}

/** API problems grouped by form field, each field's messages joined. */
export function problemsByField(
  details: { path: string; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details) {
    const field = fieldOfProblem(d.path);
    out[field] = out[field] ? `${out[field]}; ${d.message}` : d.message;
  }
  return out;
}
