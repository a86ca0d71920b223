'use strict';
// Preload (node -r) that records every SQL statement by its text and prints the top statements by
// total time, with their counts, when the process exits (or on SIGTERM). On SQLite (better-sqlite3)
// the time is the main thread's wait inside the call: a commit's fsync or a checkpoint shows up
// here, which a CPU profile lumps into one native frame. On PostgreSQL (pg) it is the time from
// sending a statement to its answer (the round trip, the server's work, and the wait in the
// client's queue); the counts there give statements and transactions per message.
const totals = new Map();
const note = (sql, ns) => {
  const key = String(sql).replace(/\s+/g, ' ').slice(0, 110);
  const t = totals.get(key) ?? { n: 0, ns: 0n };
  t.n++;
  t.ns += ns;
  totals.set(key, t);
};

function timeSqlite(Database) {
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function timedPrepare(sql, ...rest) {
    const stmt = prepare.call(this, sql, ...rest);
    for (const method of ['run', 'all', 'get']) {
      const original = stmt[method];
      stmt[method] = function timed(...args) {
        const started = process.hrtime.bigint();
        try {
          return original.apply(this, args);
        } finally {
          note(sql, process.hrtime.bigint() - started);
        }
      };
    }
    return stmt;
  };
}

function timePostgres(Client) {
  const query = Client.prototype.query;
  Client.prototype.query = function timedQuery(config, values, callback) {
    const sql = typeof config === 'string' ? config : config?.text;
    const started = process.hrtime.bigint();
    const done = () => note(sql, process.hrtime.bigint() - started);
    const cb = typeof values === 'function' ? values : callback;
    if (typeof cb === 'function') {
      const wrapped = (...args) => {
        done();
        return cb(...args);
      };
      return typeof values === 'function'
        ? query.call(this, config, wrapped)
        : query.call(this, config, values, wrapped);
    }
    const result = query.apply(this, arguments);
    if (result && typeof result.then === 'function') result.then(done, done);
    return result;
  };
}

timeSqlite(require('better-sqlite3'));
try {
  timePostgres(require('pg').Client);
} catch {
  // No pg installed: SQLite only.
}

const report = () => {
  if (!totals.size) return;
  const rows = [...totals].sort((a, b) => Number(b[1].ns - a[1].ns)).slice(0, 25);
  const all = [...totals.values()].reduce((s, t) => s + t.ns, 0n);
  const count = [...totals.values()].reduce((s, t) => s + t.n, 0);
  process.stderr.write(`SQL time: ${(Number(all) / 1e6).toFixed(0)} ms in ${count} statements\n`);
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
