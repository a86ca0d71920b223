#!/usr/bin/env node
'use strict';
// Runs every bench/*.bench.js in turn (or those named on the command line) and prints their figures.
// `npm run bench` builds first; each benchmark starts what it needs on loopback and cleans up.
const { readdirSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const wanted = process.argv.slice(2);
const all = readdirSync(__dirname)
  .filter((name) => name.endsWith('.bench.js'))
  .map((name) => name.replace('.bench.js', ''))
  .sort();
// A name picks that bench alone when one has it exactly (`connector`, not also `connector-big`);
// otherwise every bench it begins (`smarttls` runs `smarttls` and `smarttls-scan`, `pickup` both
// pickup benches).
const picked = (w) => (all.includes(w) ? [w] : all.filter((name) => name.startsWith(w)));
const unknown = wanted.filter((w) => !picked(w).length);
if (unknown.length) {
  process.stderr.write(`no bench named ${unknown.join(', ')}; there are: ${all.join(', ')}\n`);
  process.exit(2);
}
const benches = wanted.length
  ? [...new Set(wanted.flatMap(picked))].sort().map((name) => `${name}.bench.js`)
  : all.map((name) => `${name}.bench.js`);
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
