import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { engineOf, runSql } from '../database/sql.util';
import type { AddressCount } from './attempt-policy';
import { PickupSessionEntity } from './pickup-session.entity';

/**
 * `countAttempt` on SQL Server: MERGE (with HOLDLOCK, so two first attempts from one address do not
 * both insert) where the other engines upsert with ON CONFLICT; the same CASE rules, the same
 * parameters in the same order, and the new row back through OUTPUT.
 */
const MSSQL_COUNT_ATTEMPT = `MERGE INTO pickup_ip_failures WITH (HOLDLOCK) AS f
USING (SELECT ? AS ip, ? AS now) AS s ON f.ip = s.ip
WHEN MATCHED THEN UPDATE SET
  failures = CASE
    WHEN f."blockedUntil" > ? THEN f.failures
    WHEN f."windowStart" < ? THEN 1
    ELSE f.failures + 1 END,
  "windowStart" = CASE
    WHEN f."blockedUntil" > ? THEN f."windowStart"
    WHEN f."windowStart" < ? THEN ?
    ELSE f."windowStart" END
WHEN NOT MATCHED THEN INSERT (ip, failures, "windowStart", "blockedUntil") VALUES (s.ip, 1, s.now, NULL)
OUTPUT INSERTED.failures, INSERTED."blockedUntil";`;

/**
 * All SQL of the pickup's guards: code attempts per client address (one atomic upsert per attempt,
 * shared by every instance through the database) and the unlocked sessions.
 */
@Injectable()
export class PickupAttemptRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * Counts one more attempt from `key` and returns the count. Attempts count inside a window as long
   * as the block; a new window starts after it; a blocked address is not counted further, so its
   * block does not grow. Failures are forgotten only with time, never because some code was right.
   */
  async countAttempt(key: string, now: Date, windowMs: number): Promise<AddressCount> {
    const t = now.toISOString();
    const cutoff = new Date(now.getTime() - windowMs).toISOString();
    const { rows } = await this.db.transaction((tx) =>
      runSql<{ failures: number | string; blockedUntil: string | null }>(
        tx,
        engineOf(tx) === 'mssql'
          ? MSSQL_COUNT_ATTEMPT
          : `INSERT INTO pickup_ip_failures (ip, failures, "windowStart", "blockedUntil") VALUES (?, 1, ?, NULL)
         ON CONFLICT (ip) DO UPDATE SET
           failures = CASE
             WHEN pickup_ip_failures."blockedUntil" > ? THEN pickup_ip_failures.failures
             WHEN pickup_ip_failures."windowStart" < ? THEN 1
             ELSE pickup_ip_failures.failures + 1 END,
           "windowStart" = CASE
             WHEN pickup_ip_failures."blockedUntil" > ? THEN pickup_ip_failures."windowStart"
             WHEN pickup_ip_failures."windowStart" < ? THEN ?
             ELSE pickup_ip_failures."windowStart" END
         RETURNING failures, "blockedUntil"`,
        [key, t, t, cutoff, t, cutoff, t],
      ),
    );
    const row = rows[0];
    return {
      attempts: Number(row.failures),
      blockedUntil: row.blockedUntil ? new Date(row.blockedUntil) : null,
    };
  }

  /** A right code gives back the attempt it counted. */
  async giveBack(tx: EntityManager, key: string): Promise<void> {
    await runSql(
      tx,
      `UPDATE pickup_ip_failures SET failures = failures - 1 WHERE ip = ? AND failures > 0`,
      [key],
    );
  }

  /** Blocks the address until `until`; true when this call started the block. */
  async block(key: string, until: Date, now: Date): Promise<boolean> {
    const r = await this.db.transaction((tx) =>
      runSql(
        tx,
        `UPDATE pickup_ip_failures SET "blockedUntil" = ?
         WHERE ip = ? AND ("blockedUntil" IS NULL OR "blockedUntil" <= ?)`,
        [until.toISOString(), key, now.toISOString()],
      ),
    );
    return r.affected === 1;
  }

  async openSession(
    tx: EntityManager,
    id: string,
    recipientId: string,
    expiresAt: Date,
  ): Promise<void> {
    await tx.insert(PickupSessionEntity, { id, recipientId, expiresAt });
  }

  /** Removes sessions that ended and address records whose window and block are over. */
  async purge(now: Date, windowMs: number): Promise<void> {
    const t = now.toISOString();
    const stale = new Date(now.getTime() - windowMs).toISOString();
    await this.db.transaction(async (tx) => {
      await runSql(tx, `DELETE FROM pickup_sessions WHERE "expiresAt" < ?`, [t]);
      await runSql(
        tx,
        `DELETE FROM pickup_ip_failures WHERE "windowStart" < ? AND ("blockedUntil" IS NULL OR "blockedUntil" < ?)`,
        [stale, t],
      );
    });
  }
}
