import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../database/database.service';
import { MailFlowRuleEntity } from './mail-flow-rule.entity';

export type RuleFields = Pick<
  MailFlowRuleEntity,
  'name' | 'position' | 'enabled' | 'conditions' | 'classification'
>;

/** All SQL of the mail-flow rules. Changes are conditional on the version the caller read. */
@Injectable()
export class MailFlowRuleRepository {
  constructor(private readonly db: DatabaseService) {}

  list(manager: EntityManager = this.db.manager): Promise<MailFlowRuleEntity[]> {
    return manager.find(MailFlowRuleEntity, { order: { position: 'ASC', createdAt: 'ASC' } });
  }

  get(tx: EntityManager, id: string): Promise<MailFlowRuleEntity | null> {
    return tx.findOne(MailFlowRuleEntity, { where: { id } });
  }

  async lastPosition(tx: EntityManager): Promise<number | null> {
    const last = await tx.find(MailFlowRuleEntity, { order: { position: 'DESC' }, take: 1 });
    return last[0]?.position ?? null;
  }

  async insert(tx: EntityManager, row: MailFlowRuleEntity): Promise<void> {
    await tx.insert(MailFlowRuleEntity, row);
  }

  /** Writes the fields if the rule is still at `version`; reports whether it was. */
  async update(
    tx: EntityManager,
    id: string,
    version: number,
    fields: Partial<RuleFields>,
    now: Date,
  ): Promise<boolean> {
    const result = await tx.update(
      MailFlowRuleEntity,
      { id, version },
      { ...fields, version: version + 1, updatedAt: now },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Deletes the rule if it is still at `version` (any version when none is given). */
  async remove(tx: EntityManager, id: string, version?: number): Promise<boolean> {
    const result = await tx.delete(
      MailFlowRuleEntity,
      version === undefined ? { id } : { id, version },
    );
    return (result.affected ?? 0) > 0;
  }
}
