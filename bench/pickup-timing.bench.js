'use strict';
// Can the time a wrong code takes tell a known pickup link from an unknown one? Sends wrong codes
// to known and unknown links in random order, each from its own loopback address (so no block
// interferes), and compares the two samples with Welch's t-test. Prints the means, the difference
// and the two-sided p-value; a p-value below 0.01 would mean the timing leaks.
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { freePort, request, startZegel } = require('./support/server-process');

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 400);
const COPIES = 40;

const json = (body) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Welch's t-test; the p-value from the normal approximation (the samples are large). */
function welch(a, b) {
  const mean = (x) => x.reduce((s, v) => s + v, 0) / x.length;
  const variance = (x, m) => x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1);
  const [ma, mb] = [mean(a), mean(b)];
  const se = Math.sqrt(variance(a, ma) / a.length + variance(b, mb) / b.length);
  const t = (ma - mb) / se;
  // Two-sided p from the standard normal (Abramowitz–Stegun 7.1.26 for erf).
  const z = Math.abs(t) / Math.SQRT2;
  const k = 1 / (1 + 0.3275911 * z);
  const erf =
    1 -
    ((((1.061405429 * k - 1.453152027) * k + 1.421413741) * k - 0.284496736) * k + 0.254829592) *
      k *
      Math.exp(-z * z);
  return { ma, mb, t, p: 1 - erf };
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'zegel-bench-timing-'));
  const port = await freePort();
  const child = await startZegel(root, {
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: '0',
    ZEGEL_PICKUP_MESSAGE_FAILURES: '1000',
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; i < COPIES; i++) {
      const res = await request(
        `${url}/api/v1/messages`,
        json({
          classification: 'registered',
          subject: 'Timing',
          recipients: [{ address: `timing-${i}@example.nl` }],
          text: 'body',
        }),
      );
      if (res.status !== 201) throw new Error(`submit answered ${res.status}`);
    }
    // The notifications hold the links.
    let tokens = [];
    for (let tries = 0; tokens.length < COPIES && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 200));
      const outbox = JSON.parse((await request(`${url}/api/v1/admin/outbox`)).body);
      tokens = [];
      for (const mail of outbox.filter((m) => m.kind === 'notification')) {
        const view = JSON.parse((await request(`${url}/api/v1/admin/outbox/${mail.id}/view`)).body);
        const match = /\/p\/([A-Za-z0-9_-]{22})/.exec(view.text);
        if (match) tokens.push(match[1]);
      }
    }
    const known = [];
    const unknown = [];
    const order = Array.from({ length: SAMPLES }, (_, i) => i % 2 === 0);
    order.sort(() => Math.random() - 0.5);
    for (const [i, isKnown] of order.entries()) {
      const token = isKnown ? tokens[i % tokens.length] : randomBytes(16).toString('base64url');
      const address = `127.${10 + Math.floor(i / 250)}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`;
      const started = process.hrtime.bigint();
      const res = await request(`${url}/api/v1/pickup/${token}/unlock`, {
        ...json({ ceId: 'ZZZ-ZZZ-ZZZ' }),
        localAddress: address,
      });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.status !== 401) throw new Error(`a wrong code answered ${res.status}`);
      (isKnown ? known : unknown).push(ms);
    }
    const { ma, mb, t, p } = welch(known, unknown);
    console.log(`wrong code, known link:   ${known.length} samples, mean ${ma.toFixed(2)} ms`);
    console.log(`wrong code, unknown link: ${unknown.length} samples, mean ${mb.toFixed(2)} ms`);
    console.log(
      `difference ${(ma - mb).toFixed(3)} ms, Welch t = ${t.toFixed(2)}, p = ${p.toFixed(3)} (goal: p ≥ 0.01, no measurable difference)`,
    );
  } finally {
    child.kill('SIGTERM');
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
