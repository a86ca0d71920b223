import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ZegelError } from '../../common/zegel-error';
import { DatabaseService } from '../../database/database.service';
import { EvidenceService } from '../../evidence/evidence.service';
import { MailFlowRuleEntity } from './mail-flow-rule.entity';
import type { MailFlowRuleInput } from './mail-flow-rule.validation';
import { evaluateMailFlow } from './mail-flow.evaluate';
import type { MailFlowRule, MailSample } from './mail-flow.types';

const view = (e: MailFlowRuleEntity): MailFlowRule & { createdAt: string; updatedAt: string } => ({
  id: e.id,
  name: e.name,
  position: e.position,
  enabled: e.enabled,
  conditions: e.conditions,
  classification: e.classification,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

/** Who changed a rule, from where (for the evidence of the change). */
export interface ChangeAuthor {
  actor: string;
  ip: string | null;
}

/** What the evidence of a change shows of a rule (its times change on every save). */
const audited = (e: MailFlowRuleEntity) => {
  const { createdAt: _c, updatedAt: _u, ...rule } = view(e);
  return rule;
};

/** The ordered mail-flow rules in the database, and their evaluation. */
@Injectable()
export class MailFlowService {
  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
  ) {}

  async list(): Promise<ReturnType<typeof view>[]> {
    const rows = await this.db.manager.find(MailFlowRuleEntity, {
      order: { position: 'ASC', createdAt: 'ASC' },
    });
    return rows.map(view);
  }

  async create(input: MailFlowRuleInput, by: ChangeAuthor): Promise<ReturnType<typeof view>> {
    return this.db.transaction(async (m) => {
      const last = await m.find(MailFlowRuleEntity, { order: { position: 'DESC' }, take: 1 });
      const now = new Date();
      const row: MailFlowRuleEntity = {
        id: randomUUID(),
        name: input.name,
        position: input.position ?? (last[0] ? last[0].position + 10 : 10),
        enabled: input.enabled,
        conditions: input.conditions,
        classification: input.classification,
        createdAt: now,
        updatedAt: now,
      };
      await m.insert(MailFlowRuleEntity, row);
      await this.evidence.recordConfigurationChange(m, {
        ...by,
        action: 'mail-flow-rule.create',
        target: `mail-flow-rule/${row.id}`,
        before: null,
        after: audited(row),
      });
      return view(row);
    });
  }

  async replace(
    id: string,
    input: MailFlowRuleInput,
    by: ChangeAuthor,
  ): Promise<ReturnType<typeof view>> {
    return this.db.transaction(async (m) => {
      const row = await m.findOne(MailFlowRuleEntity, { where: { id } });
      if (!row) throw new ZegelError('NOT_FOUND', 'No such mail-flow rule.');
      const before = audited(row);
      Object.assign(row, {
        name: input.name,
        position: input.position ?? row.position,
        enabled: input.enabled,
        conditions: input.conditions,
        classification: input.classification,
        updatedAt: new Date(),
      });
      await m.save(MailFlowRuleEntity, row);
      await this.evidence.recordConfigurationChange(m, {
        ...by,
        action: 'mail-flow-rule.update',
        target: `mail-flow-rule/${id}`,
        before,
        after: audited(row),
      });
      return view(row);
    });
  }

  async remove(id: string, by: ChangeAuthor): Promise<void> {
    await this.db.transaction(async (m) => {
      const row = await m.findOne(MailFlowRuleEntity, { where: { id } });
      const result = row ? await m.delete(MailFlowRuleEntity, { id }) : null;
      if (!row || !result?.affected) throw new ZegelError('NOT_FOUND', 'No such mail-flow rule.');
      await this.evidence.recordConfigurationChange(m, {
        ...by,
        action: 'mail-flow-rule.delete',
        target: `mail-flow-rule/${id}`,
        before: audited(row),
        after: null,
      });
    });
  }

  async classify(mail: MailSample): Promise<ReturnType<typeof evaluateMailFlow>> {
    return evaluateMailFlow(await this.list(), mail);
  }
}
