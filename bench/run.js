#!/usr/bin/env node
'use strict';
// Runs every bench/*.bench.js in turn (or those named on the command line) and prints their figures.
// `npm run bench` builds first; each benchmark starts what it needs on loopback and cleans up.
const { readdirSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const wanted = process.argv.slice(2);
const benches = readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.js'))
  .filter((name) => !wanted.length || wanted.some((w) => name.startsWith(w)))
  .sort();
let failed = 0;
for (const name of benches) {
  process.stdout.write(`\n== ${name.replace('.bench.js', '')} ==\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(__dirname, name)], {
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`(${name} failed with status ${result.status ?? result.signal})\n`);
  }
  process.stdout.write(`(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
process.exit(failed ? 1 : 0);
