import type { RecipientState } from '@zegel/shared';

/**
 * What can happen to a recipient's copy. Each event moves the copy from one of a set of states to
 * exactly one state; the repository writes it as one conditional UPDATE, so of two events that race
 * for the same copy exactly one wins.
 */
export type LifecycleEvent =
  | 'notification-sent'
  | 'notification-failed'
  | 'notification-resent'
  | 'code-accepted'
  | 'accept'
  | 'decline'
  | 'lock'
  | 'unlock-by-admin'
  | 'new-code-unlocks'
  | 'expire'
  | 'revoke'
  | 'delivered'
  | 'delivery-failed';

export interface Transition {
  from: readonly RecipientState[];
  to: RecipientState;
}

/** Copies the recipient has not opened yet and may still open. */
const UNOPENED = ['pending', 'notified', 'notification-failed'] as const;

/** The transition table: (from-state, event) → to-state. Anything not listed is refused. */
export const TRANSITIONS: Readonly<Record<LifecycleEvent, Transition>> = {
  'notification-sent': { from: ['pending'], to: 'notified' },
  'notification-failed': { from: ['pending'], to: 'notification-failed' },
  // An admin sent the notification again and it went out this time.
  'notification-resent': { from: ['notification-failed'], to: 'notified' },
  // The right CE-ID on a copy not opened before: the content is handed over.
  'code-accepted': { from: UNOPENED, to: 'handed-over' },
  accept: { from: ['handed-over'], to: 'accepted' },
  decline: { from: ['handed-over'], to: 'declined' },
  // Too many wrong codes from all addresses together. An accepted copy keeps its legal state; the
  // counter alone then refuses further codes.
  lock: { from: [...UNOPENED, 'handed-over'], to: 'locked' },
  // An admin unlocks a copy, or the sender issues a new code for it: the recipient starts again.
  'unlock-by-admin': { from: ['locked'], to: 'notified' },
  'new-code-unlocks': { from: ['locked'], to: 'notified' },
  expire: { from: [...UNOPENED, 'handed-over', 'locked'], to: 'expired' },
  // The sender withdraws what nobody has opened.
  revoke: { from: [...UNOPENED, 'locked'], to: 'revoked' },
  delivered: { from: ['pending'], to: 'delivered' },
  'delivery-failed': { from: ['pending'], to: 'delivery-failed' },
};

/** The state after `event` from `state`, or null when the table does not allow it. */
export function nextState(state: RecipientState, event: LifecycleEvent): RecipientState | null {
  const t = TRANSITIONS[event];
  return t.from.includes(state) ? t.to : null;
}

/** States in which a recipient may still come for the content (the content must stay). */
const WAITING: ReadonlySet<RecipientState> = new Set([...UNOPENED, 'handed-over', 'locked']);

/** States from which a new CE-ID may be issued: the copy can still be opened, or was opened and kept. */
export const REISSUABLE_STATES: readonly RecipientState[] = [
  ...UNOPENED,
  'handed-over',
  'locked',
  'accepted',
];

export interface RecipientLife {
  state: RecipientState;
  retainUntil: Date | null;
}

/**
 * Copies an admin may send the notification again: it went out (or failed) and nobody has opened,
 * answered, locked, revoked or let the copy expire since.
 */
export const RESENDABLE_STATES: readonly RecipientState[] = ['notified', 'notification-failed'];

/** Whether the CE-ID may open the copy in this state (an accepted one only inside its grace period). */
export function canUnlock(state: RecipientState): boolean {
  return (
    (UNOPENED as readonly string[]).includes(state) ||
    state === 'handed-over' ||
    state === 'accepted'
  );
}

export function canReissue(state: RecipientState): boolean {
  return REISSUABLE_STATES.includes(state);
}

/** Whether Accept and Decline are still open: only after the content was shown, and only once. */
export function canRespond(state: RecipientState): boolean {
  return nextState(state, 'accept') !== null;
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

/** Whether the recipient may read and download now (handed over, or accepted inside the grace period). */
export function canDownload(r: RecipientLife, now: Date): boolean {
  return (
    r.state === 'handed-over' ||
    (r.state === 'accepted' && r.retainUntil !== null && r.retainUntil > now)
  );
}
