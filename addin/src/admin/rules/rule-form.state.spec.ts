import type { MailFlowRuleView } from '@zegel/shared';
import {
  EMPTY_RULE_FORM,
  formFromRule,
  problemsByField,
  ruleInputFromForm,
  splitList,
} from './rule-form.state';

describe('the rule form', () => {
  it('splits lists on lines and commas and drops empty items', () => {
    expect(splitList(' a.nl,\n\n b.nl , ,c.nl\n')).toEqual(['a.nl', 'b.nl', 'c.nl']);
    expect(splitList('  ')).toEqual([]);
  });

  it('sends only the conditions that are set', () => {
    expect(
      ruleInputFromForm({
        ...EMPTY_RULE_FORM,
        name: 'BSN',
        bodyKeywords: 'BSN\nburgerservicenummer',
        hasAttachment: 'no',
      }),
    ).toEqual({
      name: 'BSN',
      enabled: true,
      classification: 'confidential',
      conditions: { bodyKeywords: ['BSN', 'burgerservicenummer'], hasAttachment: false },
    });
  });

  it('sends a header condition when either part is filled, so the server can say what is missing', () => {
    expect(
      ruleInputFromForm({ ...EMPTY_RULE_FORM, headerContains: 'x' }).conditions.header,
    ).toEqual({ name: '', contains: 'x' });
  });

  it('round-trips a stored rule', () => {
    const rule: MailFlowRuleView = {
      id: 'r1',
      name: 'Purview',
      position: 10,
      enabled: false,
      classification: 'registered',
      conditions: {
        msipLabelIds: ['f42aa342-8706-4288-bd11-ebb85995028c'],
        senderDomains: ['zorg.nl', 'ggd.nl'],
        header: { name: 'X-Dept', contains: 'cardio' },
        hasAttachment: true,
      },
      version: 3,
      createdAt: '',
      updatedAt: '',
    };
    const { name, enabled, classification, conditions } = rule;
    expect(ruleInputFromForm(formFromRule(rule))).toEqual({
      name,
      enabled,
      classification,
      conditions,
    });
  });

  it('puts each API problem under its field', () => {
    expect(
      problemsByField([
        { path: 'name', message: 'too short' },
        { path: 'conditions.senderDomains.0', message: 'is not a domain name' },
        { path: 'conditions.senderDomains.2', message: 'is not a domain name' },
        { path: 'conditions.header.name', message: 'is not a header name' },
        { path: 'conditions', message: 'needs at least one condition' },
      ]),
    ).toEqual({
      name: 'too short',
      senderDomains: 'is not a domain name; is not a domain name',
      header: 'is not a header name',
      conditions: 'needs at least one condition',
    });
  });
});
