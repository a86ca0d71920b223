import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EvidenceEventType, EvidenceEventView } from '@zegel/shared';
import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import { EntityManager, MoreThan } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import type { EvidenceSigner } from '../vault/key-store';
import { VaultService } from '../vault/vault.service';
import { eventHash, GENESIS_HASH, type ChainedFields } from './evidence-chain';
import { EvidenceEventEntity } from './evidence-event.entity';
import { EvidenceHeadEntity } from './evidence-head.entity';

export interface EvidenceInput {
  type: EvidenceEventType;
  messageId: string;
  recipient?: string | null;
  /** `sender:<address>`, `recipient:<address>` or `system`. */
  actor: string;
  ip?: string | null;
  digests?: Record<string, string>;
  reason?: string | null;
}

/** Appends signed, hash-chained evidence events inside the caller's transaction. */
@Injectable()
export class EvidenceService implements OnModuleInit {
  private signingKey!: EvidenceSigner;

  constructor(
    private readonly db: DatabaseService,
    private readonly vault: VaultService,
  ) {}

  async onModuleInit(): Promise<void> {
    this.signingKey = await this.vault.keys.signer('evidence');
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
  async record(manager: EntityManager, input: EvidenceInput): Promise<EvidenceEventView> {
    const head = await this.lockHead(manager);
    const fields: ChainedFields = {
      seq: head.seq + 1,
      id: randomUUID(),
      type: input.type,
      time: new Date().toISOString(),
      messageId: input.messageId,
      recipient: input.recipient ?? null,
      actor: input.actor,
      ip: input.ip ?? null,
      digests: input.digests ?? {},
      reason: input.reason ?? null,
      prevHash: head.hash,
    };
    const hash = eventHash(fields);
    const signature = (await this.signingKey.sign(Buffer.from(hash, 'hex'))).toString('base64url');
    await manager.insert(EvidenceEventEntity, {
      ...fields,
      type: input.type,
      time: new Date(fields.time),
      hash,
      signature,
      keyId: this.signingKey.keyId,
    });
    await manager.update(EvidenceHeadEntity, { id: 1 }, { seq: fields.seq, hash });
    return { ...fields, type: input.type, hash, signature };
  }

  async forMessage(messageId: string): Promise<EvidenceEventView[]> {
    const rows = await this.db.manager.find(EvidenceEventEntity, {
      where: { messageId },
      order: { seq: 'ASC' },
    });
    return rows.map(toView);
  }

  async page(after: number, limit: number): Promise<EvidenceEventView[]> {
    const rows = await this.db.manager.find(EvidenceEventEntity, {
      where: { seq: MoreThan(after) },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows.map(toView);
  }

  private async lockHead(manager: EntityManager): Promise<EvidenceHeadEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(EvidenceHeadEntity)
      .values({ id: 1, seq: 0, hash: GENESIS_HASH })
      .orIgnore()
      .execute();
    const postgres = manager.connection.options.type === 'postgres';
    const head = await manager.findOne(EvidenceHeadEntity, {
      where: { id: 1 },
      ...(postgres ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!head) throw new Error('evidence head row missing');
    return head;
  }
}

export function toView(row: EvidenceEventEntity): EvidenceEventView {
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
    prevHash: row.prevHash,
    hash: row.hash,
    signature: row.signature,
  };
}

/** Key id for a public key: the first 16 hex digits of the SHA-256 of its SPKI. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}
