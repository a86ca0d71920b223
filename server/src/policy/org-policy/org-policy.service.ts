import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import {
  DEFAULT_ORG_POLICY,
  type OrgPolicyView,
  type PickupLimits,
  type PolicySettings,
} from '@zegel/shared';
import { ZegelError } from '../../common/zegel-error';
import { ZegelConfig } from '../../config/config';
import { DatabaseService } from '../../database/database.service';
import { EvidenceService } from '../../evidence/evidence.service';
import { SettingsRepository, type StoredSetting } from '../../settings/settings.repository';
import { ClassificationsService } from '../classifications/classifications.service';
import { OrgPolicyEntity } from './org-policy.entity';
import { applyPolicyUpdate } from './org-policy.validation';

const KEY = 'policy';
/** Several instances share the database: a save shows on the others within this time. */
const CACHE_MS = 5_000;

/**
 * The organisation's policy (routing, pickup limits, retention per classification) as one
 * versioned setting in the database. The configuration (ZEGEL_RETRIEVAL_*, ZEGEL_PICKUP_*) and
 * the routing policy of earlier versions (table org_policy) give only the first-start values.
 */
@Injectable()
export class OrgPolicyService implements OnModuleInit {
  private readonly logger = new Logger('policy');
  private cache: { at: number; stored: StoredSetting<PolicySettings> } | null = null;

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly settings: SettingsRepository,
    private readonly evidence: EvidenceService,
    private readonly classifications: ClassificationsService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (await this.settings.get(KEY)) return;
    const legacy = await this.db.manager.findOne(OrgPolicyEntity, { where: { id: 'default' } });
    const initial: PolicySettings = {
      ...DEFAULT_ORG_POLICY,
      ...(legacy?.settings ?? {}),
      pickup: {
        wrongCodesPerCopy: this.config.pickup.messageFailures,
        wrongCodesPerAddress: this.config.pickup.ipFailures,
        acceptWindowDays: this.config.retention.retrievalDays,
        downloadWindowHours: this.config.retention.graceHours,
      },
      retentionDays: {},
    };
    await this.db.transaction((tx) => this.settings.createIfMissing(tx, KEY, initial, 'system'));
  }

  async get(): Promise<PolicySettings> {
    return (await this.stored()).value;
  }

  async pickupLimits(): Promise<PickupLimits> {
    return (await this.get()).pickup;
  }

  /** Days an uncollected copy of this classification waits before it expires. */
  async retentionDaysFor(classification: string): Promise<number> {
    const policy = await this.get();
    return policy.retentionDays[classification] ?? policy.pickup.acceptWindowDays;
  }

  async view(): Promise<OrgPolicyView> {
    return toView(await this.stored(true));
  }

  /** Checks a proposed change without saving it (the preflight), with the same field errors. */
  async propose(input: unknown): Promise<{ current: PolicySettings; proposed: PolicySettings }> {
    const current = await this.get();
    const ids = (await this.classifications.list()).map((c) => c.id);
    return { current, proposed: applyPolicyUpdate(current, input, ids) };
  }

  /**
   * Saves a change if `version` is still the stored one (else CONFLICT); the change and its
   * evidence (before, after, who) commit together. `actor` is the admin's address.
   */
  async update(
    actor: string,
    version: number,
    input: unknown,
    ip: string | null = null,
  ): Promise<OrgPolicyView> {
    const ids = (await this.classifications.list()).map((c) => c.id);
    const after = await this.db.transaction(async (tx) => {
      const before = await this.settings.get<PolicySettings>(KEY, tx);
      if (!before) throw new ZegelError('SERVICE_UNAVAILABLE', 'The policy is not set up yet.');
      const next = applyPolicyUpdate(withDefaults(before.value), input, ids);
      if (!(await this.settings.replace(tx, KEY, version, next, actor)))
        throw new ZegelError(
          'CONFLICT',
          'Someone else changed the policy since you opened it. Reload to see their change.',
        );
      await this.evidence.recordConfigurationChange(tx, {
        actor: `admin:${actor}`,
        action: 'org-policy.update',
        target: 'org-policy',
        before: withDefaults(before.value),
        after: next,
        ip,
      });
      return next;
    });
    this.cache = null;
    this.logger.log({ actor, policy: after }, 'organisation policy changed');
    return this.view();
  }

  private async stored(fresh = false): Promise<StoredSetting<PolicySettings>> {
    if (!fresh && this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.stored;
    const stored = await this.settings.get<PolicySettings>(KEY);
    if (!stored) throw new ZegelError('SERVICE_UNAVAILABLE', 'The policy is not set up yet.');
    const value = withDefaults(stored.value);
    this.cache = { at: Date.now(), stored: { ...stored, value } };
    return this.cache.stored;
  }
}

/** A stored policy from an older version lacks the fields added since: they take the defaults. */
function withDefaults(stored: PolicySettings): PolicySettings {
  return { ...DEFAULT_ORG_POLICY, ...stored, retentionDays: stored.retentionDays ?? {} };
}

function toView(s: StoredSetting<PolicySettings>): OrgPolicyView {
  return {
    ...s.value,
    version: s.version,
    // Version 1 is the first-start default nobody has changed yet.
    updatedAt: s.updatedBy === 'system' ? null : s.updatedAt.toISOString(),
    updatedBy: s.updatedBy === 'system' ? null : s.updatedBy,
  };
}
