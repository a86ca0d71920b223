import type { MailFlowConditionName, MailFlowRuleTrace } from '@zegel/shared';
import type { MailFlowConditions, MailFlowRule, MailSample } from './mail-flow.types';

const lower = (s: string) => s.toLowerCase();
const domainOf = (address: string) => lower(address.slice(address.lastIndexOf('@') + 1));

/** Whole-word or phrase match, as Exchange's "contains words" does. */
export function containsWord(text: string, keyword: string): boolean {
  const k = keyword.trim();
  if (!k) return false;
  const escaped = k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(^|[^\\p{L}\\p{N}_])${escaped}($|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}

/** Label ids that an msip_labels header marks as enabled (MSIP_Label_<id>_Enabled=true). */
export function enabledMsipLabels(values: string[]): string[] {
  const ids: string[] = [];
  for (const value of values) {
    for (const m of value.matchAll(/MSIP_Label_([0-9a-f-]{36})_Enabled\s*=\s*true/gi)) {
      ids.push(lower(m[1]));
    }
  }
  return ids;
}

/** Which set conditions fail for this sample; empty when the rule matches. */
export function failedConditions(c: MailFlowConditions, mail: MailSample): MailFlowConditionName[] {
  const failed: MailFlowConditionName[] = [];
  const sender = lower(mail.sender);
  if (c.senderAddresses?.length && !c.senderAddresses.map(lower).includes(sender))
    failed.push('senderAddresses');
  if (c.senderDomains?.length && !c.senderDomains.map(lower).includes(domainOf(sender)))
    failed.push('senderDomains');
  if (c.recipientDomains?.length) {
    const wanted = c.recipientDomains.map(lower);
    if (!mail.recipients.some((r) => wanted.includes(domainOf(r)))) failed.push('recipientDomains');
  }
  if (c.subjectKeywords?.length && !c.subjectKeywords.some((k) => containsWord(mail.subject, k)))
    failed.push('subjectKeywords');
  if (c.bodyKeywords?.length && !c.bodyKeywords.some((k) => containsWord(mail.body, k)))
    failed.push('bodyKeywords');
  if (c.header) {
    const values = mail.headers[lower(c.header.name)] ?? [];
    const needle = lower(c.header.contains);
    if (!values.some((v) => lower(v).includes(needle))) failed.push('header');
  }
  if (c.msipLabelIds?.length) {
    const enabled = enabledMsipLabels(mail.headers['msip_labels'] ?? []);
    if (!c.msipLabelIds.some((id) => enabled.includes(lower(id)))) failed.push('msipLabelIds');
  }
  if (c.hasAttachment !== undefined && c.hasAttachment !== mail.attachmentCount > 0)
    failed.push('hasAttachment');
  return failed;
}

export type RuleTrace = MailFlowRuleTrace;

/**
 * Runs the enabled rules in order; the first that matches gives the classification. The trace
 * tells a previewing admin why each rule before it did not match.
 */
export function evaluateMailFlow(
  rules: MailFlowRule[],
  mail: MailSample,
): { classification: string | undefined; ruleId: string | undefined; trace: RuleTrace[] } {
  const trace: RuleTrace[] = [];
  const ordered = [...rules].filter((r) => r.enabled).sort((a, b) => a.position - b.position);
  for (const rule of ordered) {
    const failed = failedConditions(rule.conditions, mail);
    trace.push({ id: rule.id, name: rule.name, matched: failed.length === 0, failed });
    if (failed.length === 0) return { classification: rule.classification, ruleId: rule.id, trace };
  }
  return { classification: undefined, ruleId: undefined, trace };
}
