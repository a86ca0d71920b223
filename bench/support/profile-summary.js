'use strict';
// Summarises a V8 .cpuprofile (from --cpu-prof): self time by package or source area, self time by
// function, and inclusive time (the function or anything it called was on the stack) by function,
// top first. Percentages are of the samples in the window, idle included, so they read as shares of
// wall-clock time on the main thread. A blocking system call (fsync inside better-sqlite3, a
// synchronous log write) counts as self time of the native function or of the JS function that made it.
// Usage: node bench/support/profile-summary.js <file.cpuprofile> [top] [last seconds only] [per]
// With `per` (a message count), each line also gives milliseconds per message.
const { readFileSync } = require('node:fs');

const profile = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const top = Number(process.argv[3] ?? 25);
const lastSeconds = Number(process.argv[4] ?? Infinity);
const per = Number(process.argv[5] ?? 0);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

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
const label = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url ? url.split('/').pop() : '';
  return `${functionName || '(anonymous)'} ${area(url)}${url ? ` ${file}:${lineNumber + 1}` : ''}`;
};
const totals = new Map();
const fns = new Map();
const inclusive = new Map();
let sum = 0;
for (const [id, us] of self) {
  const node = byId.get(id);
  const a = area(node.callFrame.url);
  totals.set(a, (totals.get(a) ?? 0) + us);
  const fn = label(node);
  fns.set(fn, (fns.get(fn) ?? 0) + us);
  sum += us;
  // Each function once per sample, however often it recurses on the stack.
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const name = label(byId.get(cur));
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + us);
  }
}
const print = (title, map) => {
  console.log(title);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const perMessage = per ? `  ${(us / 1000 / per).toFixed(2).padStart(7)} ms/msg` : '';
    console.log(`  ${((100 * us) / sum).toFixed(1).padStart(5)} %${perMessage}  ${k}`);
  }
};
console.log(`window: ${(sum / 1e6).toFixed(1)} s of samples`);
print('self time by area', totals);
print('self time by function', fns);
print('inclusive time by function', inclusive);
