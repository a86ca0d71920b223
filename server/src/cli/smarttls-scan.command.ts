import {
  createWriteStream,
  mkdirSync,
  readFileSync,
  writeFileSync,
  type WriteStream,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { judge, type SmartTlsEngine } from '../smarttls/smarttls.engine';
import type { SmartTlsPolicy } from '../smarttls/smarttls.types';
import { normalizeDomain } from '../smarttls/dns/dns-status.util';
import { parseDomainList, scanDomains } from '../smarttls/scan/smarttls-scan';
import { csvHeader, csvLine, htmlReport } from '../smarttls/scan/scan-report.format';
import type { ScanProgress } from '../smarttls/scan/scan.types';
import type { ScanArguments } from './smarttls.command';

async function readSource(source: string): Promise<string> {
  if (source !== '-') return readFileSync(resolve(source), 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** A progress bar on stderr; on a pipe or file a line per tenth instead of redrawing. */
function progressBar(quiet: boolean): (p: ScanProgress) => void {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return (p) => {
    if (quiet) return;
    const { direct, pickup, defer, error } = p.verdicts;
    const counts = `direct ${direct}, pickup ${pickup}, defer ${defer}${error ? `, failed ${error}` : ''}`;
    if (tty) {
      const width = 30;
      const filled = Math.round((p.done / p.total) * width);
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}  ${counts}${p.done === p.total ? '\n' : ''}`,
      );
      return;
    }
    const tenth = Math.floor((p.done / p.total) * 10);
    if (tenth !== lastTenth || p.done === p.total) {
      lastTenth = tenth;
      process.stderr.write(`${p.done}/${p.total} domains checked (${counts})\n`);
    }
  };
}

const write = (stream: WriteStream, text: string) =>
  new Promise<void>((ok, fail) => stream.write(text, (e) => (e ? fail(e) : ok())));

/**
 * `zegel smarttls scan`: checks every domain of the list, a bounded number at a time, and writes
 * smarttls-scan.json (every full report, streamed as each finishes), .csv and .html.
 */
export async function runScan(
  args: ScanArguments,
  engine: SmartTlsEngine,
  policy: SmartTlsPolicy,
): Promise<number> {
  let text: string;
  try {
    text = await readSource(args.source);
  } catch (error) {
    process.stderr.write(
      `zegel smarttls: cannot read ${args.source}: ${(error as Error).message}\n`,
    );
    return 66;
  }
  const { domains, problems } = parseDomainList(text, normalizeDomain);
  for (const problem of problems) process.stderr.write(`zegel smarttls: skipped ${problem}\n`);
  if (!domains.length) {
    process.stderr.write('zegel smarttls: the list holds no domain names\n');
    return 65; // EX_DATAERR
  }
  const out = resolve(args.outDir);
  mkdirSync(out, { recursive: true });
  const files = {
    json: join(out, 'smarttls-scan.json'),
    csv: join(out, 'smarttls-scan.csv'),
    html: join(out, 'smarttls-scan.html'),
  };
  const json = createWriteStream(files.json);
  await write(json, '[\n');
  let first = true;
  const started = new Date();
  const rows = await scanDomains(domains, async (d) => judge(await engine.gather(d), policy), {
    concurrency: args.concurrency,
    onProgress: progressBar(args.quiet),
    onReport: async (report) => {
      await write(json, `${first ? '' : ',\n'}${JSON.stringify(report)}`);
      first = false;
    },
  });
  await write(json, '\n]\n');
  await new Promise<void>((ok) => json.end(ok));
  writeFileSync(files.csv, csvHeader() + rows.map(csvLine).join(''));
  writeFileSync(files.html, htmlReport(rows, started.toISOString()));
  const count = (v: string) => rows.filter((r) => r.verdict === v && !r.error).length;
  process.stdout.write(
    `${rows.length} domains: ${count('direct')} direct, ${count('pickup')} pickup, ${count('defer')} defer${
      rows.some((r) => r.error) ? `, ${rows.filter((r) => r.error).length} failed` : ''
    }\n${files.json}\n${files.csv}\n${files.html}\n`,
  );
  return 0;
}
