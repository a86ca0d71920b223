import { worstGrade } from '../grading/tls-grading.util';
import type { Grade, SmartTlsReport } from '../smarttls.types';
import type { ScanOptions, ScanProgress, ScanRow } from './scan.types';

/** The summary of one report that a bulk scan keeps. */
export function scanRow(report: SmartTlsReport): ScanRow {
  return {
    domain: report.domain,
    verdict: report.verdict,
    grade: worstGrade(report.mx.map((m) => m.grade).filter((g): g is Grade => g !== null)),
    reasons: report.reasons.map(({ code, message, host }) => ({ code, message, host })),
    mx: report.mx.map((m) => ({
      host: m.host,
      address: m.address,
      grade: m.grade,
      passes: m.passes,
    })),
    dane: report.mx.length > 0 && report.mx.every((m) => m.dane.matched === true),
    mtaSts: report.mtaSts.policy ? report.mtaSts.policy.mode : report.mtaSts.state,
    durationMs: report.durationMs,
  };
}

/**
 * Checks a list of domains with at most `concurrency` checks at a time; the same engine serves the
 * command line (`zegel smarttls scan`) and the admin console's readiness list. Rows come back in
 * the order of the input; a check that throws becomes a row with `error`, never a lost domain.
 */
export async function scanDomains(
  domains: string[],
  check: (domain: string) => Promise<SmartTlsReport>,
  options: ScanOptions,
): Promise<ScanRow[]> {
  const rows: ScanRow[] = new Array(domains.length);
  const progress: ScanProgress = {
    done: 0,
    total: domains.length,
    verdicts: { direct: 0, pickup: 0, defer: 0, error: 0 },
  };
  let next = 0;
  const worker = async () => {
    while (next < domains.length) {
      const index = next++;
      const domain = domains[index];
      try {
        const report = await check(domain);
        await options.onReport?.(report);
        rows[index] = scanRow(report);
        progress.verdicts[report.verdict]++;
      } catch (error) {
        rows[index] = {
          domain,
          verdict: 'defer',
          grade: null,
          reasons: [],
          mx: [],
          dane: false,
          mtaSts: 'none',
          durationMs: 0,
          error: (error as Error).message,
        };
        progress.verdicts.error++;
      }
      progress.done++;
      options.onProgress?.(progress);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, domains.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return rows;
}

/** Reads a domain list: one per line, `#` comments and blank lines ignored, duplicates once. */
export function parseDomainList(
  text: string,
  normalize: (d: string) => string | null,
): { domains: string[]; problems: string[] } {
  const domains: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const value = line
      .replace(/#.*/, '')
      .trim()
      .split(/[\s,;]+/)[0];
    if (!value) return;
    const domain = normalize(value.replace(/^.*@/, ''));
    if (!domain) problems.push(`line ${i + 1}: "${value.slice(0, 80)}" is not a domain name`);
    else if (!seen.has(domain)) {
      seen.add(domain);
      domains.push(domain);
    }
  });
  return { domains, problems };
}
