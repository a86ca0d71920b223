import { Injectable, Logger } from '@nestjs/common';
import { DEFAULT_ORG_POLICY, type OrgPolicy, type OrgPolicyView } from '@zegel/shared';
import { DatabaseService } from '../../database/database.service';
import { EvidenceService } from '../../evidence/evidence.service';
import { OrgPolicyEntity } from './org-policy.entity';
import { applyPolicyUpdate } from './org-policy.validation';

const ROW = 'default';

/** The organisation's routing policy in the database; the defaults until an admin changes it. */
@Injectable()
export class OrgPolicyService {
  private readonly logger = new Logger('policy');

  constructor(
    private readonly db: DatabaseService,
    private readonly evidence: EvidenceService,
  ) {}

  async get(): Promise<OrgPolicy> {
    return (await this.view()).settings;
  }

  async view(): Promise<{ settings: OrgPolicy; updatedAt: Date | null; updatedBy: string | null }> {
    const row = await this.db.manager.findOne(OrgPolicyEntity, { where: { id: ROW } });
    return row
      ? {
          settings: { ...DEFAULT_ORG_POLICY, ...row.settings },
          updatedAt: row.updatedAt,
          updatedBy: row.updatedBy,
        }
      : { settings: { ...DEFAULT_ORG_POLICY }, updatedAt: null, updatedBy: null };
  }

  /** Changes the policy; the change and its before and after go into the event log. */
  async update(actor: string, input: unknown, ip: string | null = null): Promise<OrgPolicyView> {
    const saved = await this.db.transaction(async (m) => {
      const row = await m.findOne(OrgPolicyEntity, { where: { id: ROW } });
      const before = { ...DEFAULT_ORG_POLICY, ...(row?.settings ?? {}) };
      const settings = applyPolicyUpdate(row?.settings ?? DEFAULT_ORG_POLICY, input);
      const next = { id: ROW, settings, updatedAt: new Date(), updatedBy: actor };
      await m.save(OrgPolicyEntity, next);
      await this.evidence.recordConfigurationChange(m, {
        actor: `admin:${actor}`,
        ip,
        action: 'org-policy.update',
        target: 'org-policy',
        before,
        after: settings,
      });
      return next;
    });
    this.logger.log({ actor, policy: saved.settings }, 'organisation policy changed');
    return toView(saved);
  }
}

export function toView(p: {
  settings: OrgPolicy;
  updatedAt: Date | null;
  updatedBy: string | null;
}): OrgPolicyView {
  return { ...p.settings, updatedAt: p.updatedAt?.toISOString() ?? null, updatedBy: p.updatedBy };
}
