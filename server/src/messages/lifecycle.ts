import type { RecipientState } from '@zegel/shared';

/** States in which a recipient may still come for the content. */
const WAITING: ReadonlySet<RecipientState> = new Set([
  'pending',
  'notified',
  'notification-failed',
  'handed-over',
]);

export interface RecipientLife {
  state: RecipientState;
  retainUntil: Date | null;
}

/** Whether a recipient may still open the message with the CE-ID. */
export function canUnlock(state: RecipientState): boolean {
  return WAITING.has(state) || state === 'accepted';
}

/** Whether a recipient is still waiting to collect (and so expires when the period ends). */
export function isWaiting(state: RecipientState): boolean {
  return WAITING.has(state);
}

/** Whether Accept and Decline are still open: only after the content was shown, and only once. */
export function canRespond(state: RecipientState): boolean {
  return state === 'handed-over';
}

/**
 * The content stays while any recipient may still need it: one still waiting, or one who accepted
 * and is inside the grace period. Otherwise it is deleted; metadata and evidence remain.
 */
export function contentStillNeeded(recipients: RecipientLife[], now: Date): boolean {
  return recipients.some(
    (r) =>
      WAITING.has(r.state) ||
      (r.state === 'accepted' && r.retainUntil !== null && r.retainUntil > now),
  );
}

/** Whether an accepted recipient may still download (inside the grace period). */
export function canDownload(r: RecipientLife, now: Date): boolean {
  return (
    r.state === 'handed-over' ||
    (r.state === 'accepted' && r.retainUntil !== null && r.retainUntil > now)
  );
}
