'use strict';
// Scale-out: the API and the SMTP connector driven at once through HAProxy, with one and with three
// Zegel instances (PostgreSQL, BullMQ on Redis, Azurite, keys in SoftHSM2), then three again with one
// instance SIGKILLed mid-load. Prints acknowledged messages per second, how long clients saw errors
// after the kill (HAProxy taking the instance out), and how long until every acknowledged message of
// the run was notified. Needs PostgreSQL and Redis on loopback, and the Debian packages haproxy and
// softhsm2 (test/support/scale-out.ts, the same harness as test/concurrency/haproxy.e2e.ts).
const { cpus } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 60);
/** The installation running now, stopped if the bench is interrupted (bench/run.js's time limit). */
let running;
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    Promise.resolve(running?.stop()).finally(() => process.exit(1));
  });
}

/** The harness is TypeScript: bundle it with esbuild two levels below the root, where it expects to be. */
function loadHarness() {
  const esbuild = require('esbuild');
  const outdir = join(ROOT, 'node_modules', '.zegel-bench');
  esbuild.buildSync({
    entryPoints: [
      join(ROOT, 'test', 'support', 'scale-out.ts'),
      join(ROOT, 'test', 'support', 'scale-out-load.ts'),
    ],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outdir,
    logLevel: 'error',
  });
  return {
    ...require(join(outdir, 'scale-out.js')),
    ...require(join(outdir, 'scale-out-load.js')),
  };
}

async function phase(h, instances, tag, killAfter) {
  const scale = await h.startScaleOut(instances);
  running = scale;
  try {
    const load = await h.runMixedLoad(scale, {
      tag,
      apiMessages: MESSAGES,
      smtpMessages: MESSAGES,
      killAfter,
    });
    const notifiedAt = await h.waitForNotifications(scale, tag, 300_000);
    const problems = await h.checkOutcome(scale, tag, load);
    return { load, notifiedAt, problems };
  } finally {
    running = undefined;
    await scale.stop();
  }
}

async function main() {
  const h = loadHarness();
  const rate = (r) => ((r.load.api.size + r.load.smtp.size) / r.load.seconds).toFixed(1);
  console.log(
    `${MESSAGES} API + ${MESSAGES} SMTP registered messages, 8 HTTP clients + 4 SMTP sessions, ${cpus().length} CPU(s)`,
  );
  let failed = false;
  const report = (label, r) => {
    console.log(
      `${label}: ${rate(r)} acknowledged messages/s (${r.load.seconds.toFixed(1)} s)` +
        (r.problems.length ? `; PROBLEMS: ${r.problems.join('; ')}` : '; all delivered once'),
    );
    failed ||= r.problems.length > 0;
  };
  report('1 instance ', await phase(h, 1, 'one'));
  report('3 instances', await phase(h, 3, 'three'));
  const killed = await phase(h, 3, 'kill', MESSAGES);
  report('3 instances, one SIGKILLed mid-load', killed);
  const { killedAt, lastErrorAt } = killed.load;
  console.log(
    `after the kill: clients saw errors for ${lastErrorAt ? ((lastErrorAt - killedAt) / 1000).toFixed(1) : '0.0'} s; ` +
      `every acknowledged message notified and every job done ${((killed.notifiedAt - killedAt) / 1000).toFixed(1)} s after the kill ` +
      `(the killed instance's jobs wait for its 3 s lease)`,
  );
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
