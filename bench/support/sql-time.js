'use strict';
// Preload (node -r) that times every better-sqlite3 statement by its SQL text and prints the top
// statements by total time when the process exits: where the main thread waits inside SQLite
// (a commit's fsync, a checkpoint) shows up here, which a CPU profile lumps into one native frame.
const Database = require('better-sqlite3');

const totals = new Map();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function timedPrepare(sql, ...rest) {
  const stmt = prepare.call(this, sql, ...rest);
  const key = sql.replace(/\s+/g, ' ').slice(0, 110);
  for (const method of ['run', 'all', 'get']) {
    const original = stmt[method];
    stmt[method] = function timed(...args) {
      const started = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const t = totals.get(key) ?? { n: 0, ns: 0n };
        t.n++;
        t.ns += process.hrtime.bigint() - started;
        totals.set(key, t);
      }
    };
  }
  return stmt;
};
const report = () => {
  const rows = [...totals].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 25);
  const all = [...totals.values()].reduce((s, t) => s + t.ns, 0n);
  process.stderr.write(`SQL time: ${(Number(all) / 1e6).toFixed(0)} ms in total\n`);
  for (const [sql, t] of rows)
    process.stderr.write(
      `${(Number(t.ns) / 1e6).toFixed(0).padStart(7)} ms ${String(t.n).padStart(6)}×  ${sql}\n`,
    );
};
process.once('exit', report);
// Nest's shutdown hook re-sends the signal once it has closed; `once` leaves that one to kill.
process.once('SIGTERM', () => {
  report();
  totals.clear();
});
