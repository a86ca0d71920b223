'use strict';
// Summarises a V8 .cpuprofile (from --cpu-prof): self time by package or source area, top first.
// Usage: node bench/support/profile-summary.js <file.cpuprofile> [top] [last seconds only]
const { readFileSync } = require('node:fs');

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 25);
const lastSeconds = Number(process.argv[4] ?? Infinity);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const dt = profile.timeDeltas;
const from = profile.endTime - lastSeconds * 1e6;
let at = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  at += dt[i] ?? 0;
  if (at < from) continue;
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const area = (url) => {
  if (!url) return '(native / idle / gc)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /(server\/dist\/[^/]+(?:\/[^/]+)?)/.exec(url);
  if (own) return own[1];
  if (url.startsWith('node:')) return 'node core';
  return url;
};
const totals = new Map();
const fns = new Map();
let sum = 0;
for (const [id, us] of self) {
  const node = byId.get(id);
  const a = area(node.callFrame.url);
  totals.set(a, (totals.get(a) ?? 0) + us);
  const fn = `${node.callFrame.functionName || '(anonymous)'} ${a}`;
  fns.set(fn, (fns.get(fn) ?? 0) + us);
  sum += us;
}
const print = (title, map) => {
  console.log(title);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${((100 * us) / sum).toFixed(1).padStart(5)} %  ${k}`);
};
print('self time by area', totals);
print('self time by function', fns);
