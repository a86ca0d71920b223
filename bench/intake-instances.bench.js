'use strict';
// API intake with one and with two server instances on one PostgreSQL database, in messages per
// second. Evidence appends lock only the message's own chain head (no global evidence row), so the
// second instance adds intake instead of waiting; the leader then takes every event into the
// Merkle tree. Needs PostgreSQL (ZEGEL_TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432).
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const { freePort, request, startZegel } = require('./support/server-process');

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 600);
const CLIENTS = 16;
const ADMIN_URL =
  process.env.ZEGEL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const post = (url, body) =>
  request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

async function startInstance(root, databaseUrl) {
  const port = await freePort();
  const child = await startZegel(root, {
    HOME: root,
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_OUTBOUND_MODE: 'capture',
    ZEGEL_DATABASE_URL: databaseUrl,
    ZEGEL_EVIDENCE_TREE_HEAD_SECONDS: '1',
    ZEGEL_LOG_LEVEL: 'error',
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Sends `count` messages, CLIENTS at a time, spread over the given instances; messages/s. */
async function intake(urls, count) {
  const body = JSON.stringify({
    classification: 'registered',
    subject: 'Benchmark',
    recipients: [{ address: 'patient@example.nl' }],
    html: '<p>' + 'x'.repeat(4000) + '</p>',
  });
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, i) => {
      const url = urls[i % urls.length];
      while (next < count) {
        next++;
        const res = await post(`${url}/api/v1/messages`, body);
        if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.body}`);
      }
    }),
  );
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function main() {
  const name = `zegel_bench_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  const root = mkdtempSync(join(tmpdir(), 'zegel-bench-'));
  const instances = [];
  try {
    instances.push(await startInstance(root, dbUrl.toString())); // creates keys, migrates
    instances.push(await startInstance(root, dbUrl.toString()));
    await intake([instances[0].url], 50); // warm-up
    const one = await intake([instances[0].url], MESSAGES);
    // While two instances take mail in, sample how many database sessions wait for a row lock.
    const monitor = new Client({ connectionString: ADMIN_URL });
    await monitor.connect();
    const samples = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const r = await monitor.query(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
          [name],
        );
        samples.push(Number(r.rows[0].n));
        await new Promise((res) => setTimeout(res, 10));
      }
    })();
    const two = await intake(
      instances.map((i) => i.url),
      MESSAGES,
    );
    sampling = false;
    await sampler;
    await monitor.end();
    const waiting = samples.filter((n) => n > 0).length;
    console.log(
      `API intake, PostgreSQL, ${CLIENTS} concurrent clients, ${MESSAGES} messages: ` +
        `1 instance ${one.toFixed(0)} messages/s, 2 instances ${two.toFixed(0)} messages/s (×${(two / one).toFixed(2)})`,
    );
    console.log(
      `Sessions waiting for a lock during the 2-instance run: in ${((100 * waiting) / samples.length).toFixed(1)} % of ${samples.length} samples, ` +
        `on average ${(samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(2)} sessions`,
    );
    const db = new Client({ connectionString: dbUrl.toString() });
    await db.connect();
    try {
      const started = Date.now();
      let waiting;
      do {
        await new Promise((r) => setTimeout(r, 200));
        waiting = Number(
          (await db.query('SELECT count(*) AS n FROM evidence_events WHERE "leafIndex" IS NULL'))
            .rows[0].n,
        );
      } while (waiting > 0 && Date.now() - started < 30_000);
      const events = Number(
        (await db.query('SELECT count(*) AS n FROM evidence_events')).rows[0].n,
      );
      const chains = Number(
        (await db.query('SELECT count(*) AS n FROM evidence_chain_heads')).rows[0].n,
      );
      const heads = Number(
        (await db.query('SELECT count(*) AS n FROM evidence_tree_heads')).rows[0].n,
      );
      console.log(
        `Evidence: ${events} events on ${chains} chain heads (one per message; no shared row), ` +
          `${heads} signed tree heads; ${waiting} events still waiting for a tree head ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s after the last intake`,
      );
    } finally {
      await db.end();
    }
  } finally {
    for (const { child } of instances) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    }
    rmSync(root, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
