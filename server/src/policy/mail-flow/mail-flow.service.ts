import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ZegelError } from '../../common/zegel-error';
import { DatabaseService } from '../../database/database.service';
import { EvidenceService } from '../../evidence/evidence.service';
import type { MailFlowRuleEntity } from './mail-flow-rule.entity';
import { MailFlowRuleRepository, type RuleFields } from './mail-flow-rule.repository';
import type { MailFlowRuleInput } from './mail-flow-rule.validation';
import { evaluateMailFlow } from './mail-flow.evaluate';
import type { MailFlowRule, MailSample } from './mail-flow.types';

export type MailFlowRuleView = MailFlowRule & {
  version: number;
  createdAt: string;
  updatedAt: string;
};

const view = (e: MailFlowRuleEntity): MailFlowRuleView => ({
  id: e.id,
  name: e.name,
  position: e.position,
  enabled: e.enabled,
  conditions: e.conditions,
  classification: e.classification,
  version: e.version,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

/** What the event log keeps of a rule: its fields, not its bookkeeping. */
const fieldsOf = (e: RuleFields): RuleFields => ({
  name: e.name,
  position: e.position,
  enabled: e.enabled,
  conditions: e.conditions,
  classification: e.classification,
});

/** Who changes a rule, for the event log. */
export interface ChangeActor {
  actor: string;
  ip: string | null;
}

const stale = () =>
  new ZegelError(
    'CONFLICT',
    'This rule was changed by someone else since you opened it. Reload it and make your change again.',
  );

/**
 * The ordered mail-flow rules and their evaluation. Every change names the version it started
 * from; a change to a newer rule is refused (409), never merged. Each change is in the event log.
 */
@Injectable()
export class MailFlowService {
  constructor(
    private readonly db: DatabaseService,
    private readonly rules: MailFlowRuleRepository,
    private readonly evidence: EvidenceService,
  ) {}

  async list(): Promise<MailFlowRuleView[]> {
    return (await this.rules.list()).map(view);
  }

  create(input: MailFlowRuleInput, by: ChangeActor): Promise<MailFlowRuleView> {
    return this.db.transaction(async (tx) => {
      const last = await this.rules.lastPosition(tx);
      const now = new Date();
      const row: MailFlowRuleEntity = {
        id: randomUUID(),
        name: input.name,
        position: input.position ?? (last === null ? 10 : last + 10),
        enabled: input.enabled,
        conditions: input.conditions,
        classification: input.classification,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      await this.rules.insert(tx, row);
      await this.record(tx, by, 'mail-flow-rule.create', row.id, null, fieldsOf(row));
      return view(row);
    });
  }

  replace(
    id: string,
    version: number,
    input: MailFlowRuleInput,
    by: ChangeActor,
  ): Promise<MailFlowRuleView> {
    return this.db.transaction(async (tx) => {
      const before = await this.rules.get(tx, id);
      if (!before) throw new ZegelError('NOT_FOUND', 'No such mail-flow rule.');
      const fields: RuleFields = {
        name: input.name,
        position: input.position ?? before.position,
        enabled: input.enabled,
        conditions: input.conditions,
        classification: input.classification,
      };
      if (!(await this.rules.update(tx, id, version, fields, new Date()))) throw stale();
      const after = (await this.rules.get(tx, id))!;
      await this.record(tx, by, 'mail-flow-rule.update', id, fieldsOf(before), fieldsOf(after));
      return view(after);
    });
  }

  remove(id: string, version: number | undefined, by: ChangeActor): Promise<void> {
    return this.db.transaction(async (tx) => {
      const before = await this.rules.get(tx, id);
      if (!before) throw new ZegelError('NOT_FOUND', 'No such mail-flow rule.');
      if (!(await this.rules.remove(tx, id, version))) throw stale();
      await this.record(tx, by, 'mail-flow-rule.delete', id, fieldsOf(before), null);
    });
  }

  /**
   * Puts the rules in the given order (every rule, each with the version the caller saw); all or
   * nothing.
   */
  reorder(order: { id: string; version: number }[], by: ChangeActor): Promise<MailFlowRuleView[]> {
    return this.db.transaction(async (tx) => {
      const current = await this.rules.list(tx);
      const ids = new Set(order.map((o) => o.id));
      if (ids.size !== order.length || current.length !== order.length)
        throw new ZegelError('CONFLICT', 'The list of rules changed. Reload it and try again.');
      const now = new Date();
      for (const [i, entry] of order.entries()) {
        const ok = await this.rules.update(
          tx,
          entry.id,
          entry.version,
          { position: (i + 1) * 10 },
          now,
        );
        if (!ok) throw stale();
      }
      await this.record(
        tx,
        by,
        'mail-flow-rule.reorder',
        '*',
        current.map((r) => r.id),
        order.map((o) => o.id),
      );
      return (await this.rules.list(tx)).map(view);
    });
  }

  async classify(mail: MailSample): Promise<ReturnType<typeof evaluateMailFlow>> {
    return evaluateMailFlow(await this.list(), mail);
  }

  private async record(
    tx: Parameters<EvidenceService['recordConfigurationChange']>[0],
    by: ChangeActor,
    action: string,
    id: string,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.evidence.recordConfigurationChange(tx, {
      actor: by.actor,
      ip: by.ip,
      action,
      target: id === '*' ? 'mail-flow-rules' : `mail-flow-rule/${id}`,
      before,
      after,
    });
  }
}
