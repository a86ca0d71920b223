/**
 * A value axis for counts: a round top at or above `max` and whole-number ticks from 0 to it,
 * about `target` of them (never fewer than two, so an empty chart still has an axis).
 */
export function countAxis(max: number, target = 4): { top: number; ticks: number[] } {
  const raw = Math.max(1, max) / target;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!,
  );
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  return { top, ticks };
}

/** Every n-th day gets a label, so that labels of `labelWidth` pixels do not overlap. */
export function labelEvery(days: number, plotWidth: number, labelWidth = 48): number {
  if (days <= 0 || plotWidth <= 0) return 1;
  return Math.max(1, Math.ceil((days * labelWidth) / plotWidth));
}
