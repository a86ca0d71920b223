/** Backoff before attempt n+1: base, 2×base, 4×base … capped at one hour, with ±20 % jitter. */
export function backoffMs(baseMs: number, attempts: number, random = Math.random): number {
  const wait = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(wait * (0.8 + 0.4 * random()));
}

/** An endpoint is disabled once its current run of failures has lasted the configured time. */
export function shouldDisable(
  failingSince: Date | null,
  now: Date,
  disableAfterMs: number,
): boolean {
  return !!failingSince && now.getTime() - failingSince.getTime() >= disableAfterMs;
}
