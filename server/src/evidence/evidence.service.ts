import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EvidenceEventType, EvidenceEventView } from '@zegel/shared';
import { randomUUID, type KeyObject } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ZegelError } from '../common/zegel-error';
import { KeyStore, type EvidenceSigner } from '../vault/key-store';
import { eventHash, GENESIS_HASH, verifyChain, type ChainedFields } from './evidence-chain';
import { EvidenceEventEntity } from './evidence-event.entity';
import { EvidenceHooks } from './evidence-hooks';
import { EvidenceRepository } from './evidence.repository';

export interface EvidenceInput {
  type: EvidenceEventType;
  /** Null for an event about no stored message (a refused submission). */
  messageId: string | null;
  recipient?: string | null;
  /** `sender:<address>`, `recipient:<address>`, `admin:<address>` or `system`. */
  actor: string;
  ip?: string | null;
  digests?: Record<string, string>;
  reason?: string | null;
  /** Structured detail (covered by the hash and the signature), e.g. a refusal's entry point and code. */
  details?: Record<string, unknown>;
}

/** A change an admin made to the organisation's configuration or to rights (NTA 7516 §6.4.2). */
export interface ConfigurationChangeInput {
  /** `admin:<address>`, or `system` for a change Zegel made itself. */
  actor: string;
  /** What was done, e.g. `mail-flow-rule.update`. */
  action: string;
  /** What it was done to, e.g. `mail-flow-rule/3f2a…` or `org-policy`. */
  target: string;
  before: unknown;
  after: unknown;
  reason?: string | null;
  ip?: string | null;
}

/**
 * Appends signed, hash-chained evidence events inside the caller's transaction, and serves only
 * events that still verify: a changed row or a broken link is refused, never passed on.
 */
@Injectable()
export class EvidenceService implements OnModuleInit {
  private readonly logger = new Logger('evidence');
  private signingKey!: EvidenceSigner;

  constructor(
    private readonly keys: KeyStore,
    private readonly events: EvidenceRepository,
    private readonly hooks: EvidenceHooks,
  ) {}

  async onModuleInit(): Promise<void> {
    this.signingKey = await this.keys.signer('evidence');
  }

  get publicKey(): KeyObject {
    return this.signingKey.publicKey;
  }

  get keyId(): string {
    return this.signingKey.keyId;
  }

  /** JWS name of the signature algorithm: EdDSA (key files) or ES256 (HSM, Key Vault). */
  get algorithm(): string {
    return this.signingKey.algorithm;
  }

  /** Must run inside `DatabaseService.transaction`, together with the change it records. */
  record(tx: EntityManager, input: EvidenceInput): Promise<EvidenceEventView> {
    return this.append(tx, {
      type: input.type,
      messageId: input.messageId,
      recipient: input.recipient ?? null,
      actor: input.actor,
      ip: input.ip ?? null,
      digests: input.digests ?? {},
      reason: input.reason ?? null,
      ...(input.details ? { details: input.details } : {}),
    });
  }

  private async append(
    tx: EntityManager,
    input: Omit<ChainedFields, 'seq' | 'id' | 'time' | 'prevHash'> & { type: EvidenceEventType },
  ): Promise<EvidenceEventView> {
    const head = await this.events.lockHead(tx);
    const fields: ChainedFields = {
      seq: head.seq + 1,
      id: randomUUID(),
      time: new Date().toISOString(),
      ...input,
      prevHash: head.hash,
    };
    const hash = eventHash(fields);
    const signature = (await this.signingKey.sign(Buffer.from(hash, 'hex'))).toString('base64url');
    await this.events.append(tx, {
      ...fields,
      type: input.type,
      time: new Date(fields.time),
      details: fields.details ?? null,
      hash,
      signature,
      keyId: this.signingKey.keyId,
    });
    const view = { ...fields, type: input.type, hash, signature };
    await this.hooks.appended(tx, view);
    return view;
  }

  /**
   * Records a configuration or rights change, inside the transaction that makes the change, with
   * its before and after (covered by the hash and the signature).
   */
  recordConfigurationChange(
    tx: EntityManager,
    change: ConfigurationChangeInput,
  ): Promise<EvidenceEventView> {
    return this.append(tx, {
      type: 'ConfigurationChange',
      messageId: null,
      recipient: null,
      actor: change.actor,
      ip: change.ip ?? null,
      digests: {},
      reason: [change.action, change.target, change.reason]
        .filter(Boolean)
        .join(' · ')
        .slice(0, 1000),
      details: {
        action: change.action,
        target: change.target,
        before: change.before ?? null,
        after: change.after ?? null,
      },
    });
  }

  /** A message's events, each checked (hash and signature) before it is served. */
  async forMessage(messageId: string): Promise<EvidenceEventView[]> {
    const rows = await this.events.forMessage(messageId);
    for (const row of rows) this.check([row], row.prevHash);
    return rows.map(toView);
  }

  /** A page of the whole chain, checked link by link from the event before it. */
  async page(after: number, limit: number): Promise<EvidenceEventView[]> {
    const rows = await this.events.page(after, limit);
    if (!rows.length) return [];
    const before = rows[0].seq > 1 ? await this.events.before(rows[0].seq) : null;
    this.check(rows, rows[0].seq === 1 ? GENESIS_HASH : (before?.hash ?? 'missing'));
    return rows.map(toView);
  }

  async byId(id: string): Promise<EvidenceEventView | null> {
    const row = await this.events.byId(id);
    if (!row) return null;
    this.check([row], row.prevHash);
    return toView(row);
  }

  private check(rows: EvidenceEventEntity[], previous: string): void {
    const problem = verifyChain(
      rows.map((r) => ({ ...fieldsOf(r), hash: r.hash, signature: r.signature })),
      this.signingKey.publicKey,
      previous,
    );
    const foreignKey = rows.find((r) => r.keyId !== this.signingKey.keyId);
    if (!problem && !foreignKey) return;
    const seq = problem?.seq ?? foreignKey!.seq;
    this.logger.error(
      { seq, problem: problem?.problem ?? 'unknown signing key' },
      'evidence event failed verification; refusing to serve it',
    );
    throw new ZegelError(
      'INTEGRITY_FAILURE',
      `Evidence event ${seq} does not verify (${problem?.problem ?? 'unknown signing key'}); it is not served. Tell the operator.`,
    );
  }
}

function fieldsOf(row: EvidenceEventEntity): ChainedFields {
  return {
    seq: row.seq,
    id: row.id,
    type: row.type,
    time: row.time.toISOString(),
    messageId: row.messageId,
    recipient: row.recipient,
    actor: row.actor,
    ip: row.ip,
    digests: row.digests,
    reason: row.reason,
    // Only where present: events without details hash exactly as they did before the field existed.
    ...(row.details ? { details: row.details } : {}),
    prevHash: row.prevHash,
  };
}

export function toView(row: EvidenceEventEntity): EvidenceEventView {
  return { ...fieldsOf(row), type: row.type, hash: row.hash, signature: row.signature };
}
