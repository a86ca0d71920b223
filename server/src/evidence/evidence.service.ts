import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EvidenceEventType, EvidenceEventView } from '@zegel/shared';
import { randomUUID, type KeyObject } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ZegelError } from '../common/zegel-error';
import { KeyStore, type EvidenceSigner } from '../vault/key-store';
import { checkEvent, verifyChain } from './verifier/chain';
import {
  chainOf,
  CURRENT_EVENT_FORMAT,
  eventHash,
  GENESIS_HASH,
  type ChainedFields,
  type EventFormat,
} from './verifier/event-hash';
import { EvidenceEventEntity } from './evidence-event.entity';
import { EvidenceHooks } from './evidence-hooks';
import { EvidenceRepository, type EventSearch } from './evidence.repository';

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
  /** Every published evidence key by id (older keys verify what they signed before a rotation). */
  private published = new Map<string, KeyObject>();

  constructor(
    private readonly keys: KeyStore,
    private readonly events: EvidenceRepository,
    private readonly hooks: EvidenceHooks,
  ) {}

  async onModuleInit(): Promise<void> {
    this.signingKey = await this.keys.signer('evidence');
    this.published = await this.keys.publishedKeys('evidence');
  }

  /** Every published evidence public key, by RFC 7638 key id. */
  get publishedKeys(): ReadonlyMap<string, KeyObject> {
    return this.published;
  }

  /** Re-reads the published keys when rows name one not known yet (another instance rotated). */
  private async learnKeys(rows: EvidenceEventEntity[]): Promise<void> {
    if (rows.some((r) => !this.published.has(r.keyId)))
      this.published = await this.keys.publishedKeys('evidence');
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
    // Only this message's chain head is locked: events about other messages do not wait.
    const head = await this.events.lockChainHead(tx, chainOf(input));
    const fields: ChainedFields = {
      v: CURRENT_EVENT_FORMAT,
      chainSeq: head.length + 1,
      id: randomUUID(),
      time: new Date().toISOString(),
      ...input,
      prevHash: head.hash,
    };
    const hash = eventHash(fields);
    const signature = (await this.signingKey.sign(Buffer.from(hash, 'hex'))).toString('base64url');
    const seq = await this.events.append(tx, {
      ...fields,
      format: CURRENT_EVENT_FORMAT,
      chainSeq: fields.chainSeq!,
      leafIndex: null,
      type: input.type,
      time: new Date(fields.time),
      details: fields.details ?? null,
      hash,
      signature,
      keyId: this.signingKey.keyId,
    });
    const view = {
      ...fields,
      v: CURRENT_EVENT_FORMAT,
      seq,
      type: input.type,
      hash,
      signature,
      keyId: this.signingKey.keyId,
      leafIndex: null,
    };
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

  /** A message's events, each checked (hash, signature, and its chain) before it is served. */
  async forMessage(messageId: string): Promise<EvidenceEventView[]> {
    const rows = await this.events.forMessage(messageId);
    await this.learnKeys(rows);
    // Format 1 events of a message are scattered over the old global chain: each on its own.
    for (const row of rows.filter((r) => r.format === 1)) this.check([row], row.prevHash);
    const chained = rows.filter((r) => r.format !== 1);
    if (chained.length && chained[0].chainSeq !== 1) this.refuse(chained[0].seq, 'gap');
    this.check(chained);
    return rows.map(toView);
  }

  /** A page of the whole log, each event checked, and linked to the event before it in its chain. */
  async page(after: number, limit: number): Promise<EvidenceEventView[]> {
    const rows = await this.events.page(after, limit);
    if (!rows.length) return [];
    await this.learnKeys(rows);
    const legacy = rows.filter((r) => r.format === 1);
    if (legacy.length) {
      const before = await this.events.legacyBefore(legacy[0].seq);
      this.check(legacy, before?.hash ?? GENESIS_HASH);
    }
    const chained = rows.filter((r) => r.format !== 1);
    const seen = new Set<string>();
    for (const row of chained) {
      const chain = chainOf(row);
      if (seen.has(chain)) continue;
      seen.add(chain);
      if (row.chainSeq === 1) continue;
      const previous = await this.events.chainPredecessor(row.messageId, row.chainSeq ?? 0);
      if (previous?.hash !== row.prevHash) this.refuse(row.seq, 'prev-hash');
    }
    this.check(chained);
    return rows.map(toView);
  }

  /**
   * The events that match the admin's filters, newest first. A filtered page is not a run of its
   * chains, so each event is checked on its own (hash, signature) and against the event its chain
   * holds before it (read alongside), before any is served.
   */
  async search(filter: EventSearch): Promise<{ events: EvidenceEventView[]; total: number }> {
    const { rows, total } = await this.events.search(filter);
    await this.learnKeys(rows);
    const chained = rows.filter((r) => r.format !== 1);
    const before = new Map(
      (
        await this.events.predecessors(
          chained.map((r) => ({ messageId: r.messageId, chainSeq: r.chainSeq ?? 0 })),
        )
      ).map((p) => [`${p.messageId ?? ''} ${p.chainSeq}`, p.hash]),
    );
    for (const row of rows) {
      const problem = checkEvent(toView(row), this.published);
      if (problem) this.refuse(row.seq, problem);
      if (row.format === 1) continue;
      const chainSeq = row.chainSeq ?? 0;
      const expected =
        chainSeq === 1 ? GENESIS_HASH : before.get(`${row.messageId ?? ''} ${chainSeq - 1}`);
      if (expected === undefined) this.refuse(row.seq, 'gap');
      if (expected !== row.prevHash) this.refuse(row.seq, 'prev-hash');
    }
    return { events: rows.map(toView), total };
  }

  async byId(id: string): Promise<EvidenceEventView | null> {
    const row = await this.events.byId(id);
    if (!row) return null;
    await this.learnKeys([row]);
    this.check([row], row.prevHash);
    return toView(row);
  }

  private check(rows: EvidenceEventEntity[], previous?: string): void {
    const problem = verifyChain(rows.map(toView), this.published, previous);
    if (problem) this.refuse(problem.seq, problem.problem);
  }

  private refuse(seq: number, problem: string): never {
    this.logger.error({ seq, problem }, 'evidence event failed verification; refusing to serve it');
    throw new ZegelError(
      'INTEGRITY_FAILURE',
      `Evidence event ${seq} does not verify (${problem}); it is not served. Tell the operator.`,
    );
  }
}

function fieldsOf(row: EvidenceEventEntity): ChainedFields {
  const common = {
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
  if (row.format === 1) return { seq: row.seq, ...common };
  return { v: row.format as EventFormat, chainSeq: row.chainSeq ?? 0, ...common };
}

export function toView(row: EvidenceEventEntity): EvidenceEventView {
  return {
    ...fieldsOf(row),
    v: row.format as EventFormat,
    seq: row.seq,
    type: row.type,
    hash: row.hash,
    signature: row.signature,
    keyId: row.keyId,
    leafIndex: row.leafIndex,
  };
}
