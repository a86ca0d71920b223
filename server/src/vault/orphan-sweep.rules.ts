import type { StoredEntry } from './blob-store';

export type OrphanDecision = 'keep' | 'remove-temp' | 'delete-blob';

/**
 * What the orphan sweep does with one stored entry. Anything written within `minAgeMs` is kept: it
 * may be an upload in progress in this or another instance, whose message row is not committed yet.
 * Older leftovers of unfinished writes go; older blobs go only when no message part refers to them.
 * `referenced` is asked only for old blobs (undefined otherwise).
 */
export function decideOrphan(
  entry: Pick<StoredEntry, 'kind' | 'modifiedMs'>,
  now: number,
  minAgeMs: number,
  referenced: boolean | undefined,
): OrphanDecision {
  if (now - entry.modifiedMs < minAgeMs) return 'keep';
  if (entry.kind === 'temp') return 'remove-temp';
  if (referenced === undefined) throw new Error('an old blob needs its reference status');
  return referenced ? 'keep' : 'delete-blob';
}

/** Whether the sweep must ask the database about this entry. */
export const needsReferenceCheck = (
  entry: Pick<StoredEntry, 'kind' | 'modifiedMs'>,
  now: number,
  minAgeMs: number,
): boolean => entry.kind === 'blob' && now - entry.modifiedMs >= minAgeMs;
