import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createZegelApp } from '../../server/src/app.factory';
import { loadConfig, type ZegelConfig } from '../../server/src/config/config';
import { createServerDatabase, testDatabaseEngine } from './database';

export interface RunningZegel {
  url: string;
  config: ZegelConfig;
  app: NestExpressApplication;
  root: string;
  dataDir: string;
  keyDir: string;
  /** Stops the server; `keepFiles` leaves the directories for a restart or a scan. */
  close(options?: { keepFiles?: boolean }): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Reuse directories (and database) of an earlier run, e.g. to test a restart. */
  root?: string;
  databaseUrl?: string;
}

/**
 * Starts the real server in this process on a free loopback port, on its own temporary data and
 * key directories, in development auth mode unless the env says otherwise. On SQLite by default;
 * on a fresh PostgreSQL (or SQL Server) database when ZEGEL_TEST_DATABASE=postgres (or mssql).
 */
export async function startZegel(options: StartOptions = {}): Promise<RunningZegel> {
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'zegel-test-'));
  let databaseUrl = options.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (!databaseUrl && testDatabaseEngine() !== 'sqlite') {
    const db = await createServerDatabase();
    databaseUrl = db.url;
    dropDatabase = db.drop;
  }
  const env: Record<string, string> = {
    ZEGEL_AUTH_MODE: 'dev',
    ZEGEL_HOST: '127.0.0.1',
    ZEGEL_PORT: '0',
    // The tests read Zegel's own mail from the capture outbox unless they choose another mode.
    ZEGEL_OUTBOUND_MODE: 'capture',
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_METRICS_PORT: '0',
    ZEGEL_DATA_DIR: join(root, 'data'),
    ZEGEL_KEY_DIR: join(root, 'keys'),
    ZEGEL_LOG_LEVEL: process.env.ZEGEL_TEST_LOG_LEVEL ?? 'silent',
    ...(databaseUrl ? { ZEGEL_DATABASE_URL: databaseUrl } : {}),
    ...options.env,
  };
  const provisional = loadConfig(env);
  const app = await createZegelApp(provisional);
  await app.listen(0, provisional.host);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  // The public URL names the port we actually got; services read it per request.
  (provisional as { publicUrl: string }).publicUrl = env.ZEGEL_PUBLIC_URL ?? url;
  return {
    url,
    config: provisional,
    app,
    root,
    dataDir: provisional.dataDir,
    keyDir: provisional.keyDir,
    close: async ({ keepFiles = false } = {}) => {
      await app.close();
      if (!keepFiles) {
        if (dropDatabase) await dropDatabase();
        if (!options.root) rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
