import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import { ZegelConfig } from '../config/config';
import { DatabaseService } from '../database/database.service';
import { LeaderLock } from '../database/leader-lock.service';
import { KeyStore, type EvidenceSigner } from '../vault/key-store';
import { EvidenceTreeHeadEntity } from './evidence-tree-head.entity';
import { EvidenceRepository } from './evidence.repository';
import { TimestampAuthorityClient } from './timestamp-authority.client';
import { MerkleTree, verifyConsistency } from './verifier/merkle';
import {
  treeHeadBytes,
  verifyTreeHeadSignature,
  type SignedTreeHead,
  type TreeHead,
} from './verifier/tree-head';

const SYNC_PAGE = 10_000;

/**
 * The transparency log over all evidence events (RFC 9162 style). Appends never wait for it: an
 * event is inserted with no leaf position, and every few seconds one instance — the leader —
 * gives the new events their positions, signs a tree head over them and has it timestamped.
 * Every instance keeps the tree's hashes in memory (32 bytes per node) to answer proofs.
 */
@Injectable()
export class EvidenceLogService
  implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown
{
  private readonly logger = new Logger('evidence-log');
  private tree = new MerkleTree();
  private signer!: EvidenceSigner;
  /** Serialises everything that changes the in-memory tree. */
  private treeLock: Promise<unknown> = Promise.resolve();
  private running: Promise<void> | null = null;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: ZegelConfig,
    private readonly db: DatabaseService,
    private readonly leader: LeaderLock,
    private readonly events: EvidenceRepository,
    private readonly keys: KeyStore,
    private readonly tsa: TimestampAuthorityClient,
  ) {}

  async onModuleInit(): Promise<void> {
    this.signer = await this.keys.signer('evidence');
    await this.checkLatestHeads();
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.evidence.treeHeadSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One round, if this instance is the leader now; concurrent calls share the round. */
  tick(): Promise<void> {
    this.running ??= this.leader
      .runAsLeader('evidence-tree-head', () => this.integrateAll())
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'signing a tree head failed'))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** The newest signed tree head, or null before the first. */
  async latestHead(): Promise<SignedTreeHead | null> {
    const [row] = await this.events.latestTreeHeads(1);
    return row ? toSignedTreeHead(row) : null;
  }

  /** RFC 9162 inclusion proof (hex) of a leaf in the tree of `treeSize`. */
  async inclusionProof(leafIndex: number, treeSize: number): Promise<string[]> {
    await this.sync();
    return this.tree.inclusionProof(leafIndex, treeSize).map((b) => b.toString('hex'));
  }

  /** RFC 9162 consistency proof (hex) from the tree of `first` to the tree of `second`. */
  async consistencyProof(first: number, second: number): Promise<string[]> {
    await this.sync();
    return this.tree.consistencyProof(first, second).map((b) => b.toString('hex'));
  }

  private async integrateAll(): Promise<void> {
    while ((await this.integrate()) === this.config.evidence.treeHeadEvents);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.treeLock.catch(() => undefined).then(work);
    this.treeLock = run.catch(() => undefined);
    return run;
  }

  /** Takes the waiting events into the tree and signs a head over them; returns how many. */
  private async integrate(): Promise<number> {
    const head = await this.exclusive(() => this.extend());
    if (!head) return 0;
    if (this.tsa.configured) {
      try {
        const token = await this.tsa.timestamp(treeHeadBytes(head));
        await this.events.setTimestampToken(head.treeSize, token.toString('base64'));
      } catch (error) {
        this.logger.warn(
          { err: error, treeSize: head.treeSize },
          'the tree head has no timestamp: the TSA did not give one',
        );
      }
    }
    return head.added;
  }

  private async extend(): Promise<(TreeHead & { added: number }) | null> {
    await this.load();
    const pending = await this.events.unsequenced(this.config.evidence.treeHeadEvents);
    if (!pending.length) return null;
    const start = this.tree.size;
    const leaves = pending.map((p, i) => ({ seq: p.seq, leafIndex: start + i }));
    for (const p of pending) this.tree.append(Buffer.from(p.hash, 'hex'));
    const head: TreeHead = {
      v: 2,
      treeSize: this.tree.size,
      rootHash: this.tree.root().toString('hex'),
      time: new Date().toISOString(),
    };
    try {
      const signature = (await this.signer.sign(treeHeadBytes(head))).toString('base64url');
      await this.db.transaction(async (tx) => {
        if (!(await this.events.assignLeaves(tx, leaves)))
          throw new Error('another instance took these events into the tree first');
        await this.events.insertTreeHead(tx, {
          treeSize: head.treeSize,
          rootHash: head.rootHash,
          time: new Date(head.time),
          signature,
          keyId: this.signer.keyId,
          timestampToken: null,
        });
      });
    } catch (error) {
      // The tree in memory ran ahead of the database: rebuild it from what was stored.
      this.tree = new MerkleTree();
      throw error;
    }
    return { ...head, added: pending.length };
  }

  /** Brings the in-memory tree up to the leaves stored so far (one sync at a time). */
  sync(): Promise<void> {
    return this.exclusive(() => this.load());
  }

  private async load(): Promise<void> {
    for (;;) {
      const rows = await this.events.leafHashes(this.tree.size, SYNC_PAGE);
      for (const row of rows) {
        if (row.leafIndex !== this.tree.size)
          throw new Error(`the evidence log has no leaf ${this.tree.size}`);
        this.tree.append(Buffer.from(row.hash, 'hex'));
      }
      if (rows.length < SYNC_PAGE) return;
    }
  }

  /**
   * The cheap audit at start: the two newest tree heads are signed by our key, the stored leaves
   * give their roots, and the newer one is consistent with the older one. A full audit is
   * `npx zegel evidence audit`.
   */
  private async checkLatestHeads(): Promise<void> {
    const heads = (await this.events.latestTreeHeads(2)).map(toSignedTreeHead);
    if (!heads.length) return;
    await this.sync();
    for (const head of heads) {
      if (head.keyId === this.signer.keyId && !verifyTreeHeadSignature(head, this.signer.publicKey))
        throw new Error(`evidence tree head ${head.treeSize} has a wrong signature`);
      if (
        this.tree.size < head.treeSize ||
        this.tree.root(head.treeSize).toString('hex') !== head.rootHash
      )
        throw new Error(
          `evidence tree head ${head.treeSize} does not match the stored events; run \`npx zegel evidence audit\``,
        );
    }
    const [latest, previous] = heads;
    if (previous) {
      const proof = this.tree.consistencyProof(previous.treeSize, latest.treeSize);
      const ok = verifyConsistency(
        previous.treeSize,
        latest.treeSize,
        proof,
        Buffer.from(previous.rootHash, 'hex'),
        Buffer.from(latest.rootHash, 'hex'),
      );
      if (!ok)
        throw new Error(
          `evidence tree head ${latest.treeSize} is not consistent with ${previous.treeSize}`,
        );
    }
    this.logger.log({ treeSize: latest.treeSize }, 'evidence log: the latest tree head checks out');
  }
}

export function toSignedTreeHead(row: EvidenceTreeHeadEntity): SignedTreeHead {
  return {
    v: 2,
    treeSize: row.treeSize,
    rootHash: row.rootHash,
    time: row.time.toISOString(),
    signature: row.signature,
    keyId: row.keyId,
    timestampToken: row.timestampToken,
  };
}
