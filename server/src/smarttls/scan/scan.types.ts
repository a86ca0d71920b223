import type { Grade, ReasonCode, SmartTlsReport, Verdict } from '../smarttls.types';

/** One domain of a bulk scan, small enough to keep a thousand in memory for the HTML report. */
export interface ScanRow {
  domain: string;
  verdict: Verdict;
  /** Worst grade over every MX address (null when no TLS was spoken). */
  grade: Grade | null;
  reasons: { code: ReasonCode; message: string; host?: string }[];
  mx: { host: string; address: string | null; grade: Grade | null; passes: boolean | null }[];
  dane: boolean;
  mtaSts: string;
  durationMs: number;
  /** Set when the check itself failed (a bug or a resource problem), not the domain. */
  error?: string;
}

export interface ScanProgress {
  done: number;
  total: number;
  verdicts: Record<Verdict | 'error', number>;
}

export interface ScanOptions {
  /** Domains checked at a time. */
  concurrency: number;
  onProgress?: (progress: ScanProgress) => void;
  /** Each full report as it is ready (for streaming JSON output). */
  onReport?: (report: SmartTlsReport) => void | Promise<void>;
}
