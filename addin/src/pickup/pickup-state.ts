import type { PickupMessageView } from '@zegel/shared';
import { ApiError } from '../common/api-client';

/** What the page shows: one phase at a time. */
export type PickupPhase =
  | { kind: 'loading' }
  | { kind: 'code'; notice?: 'session-ended' }
  | { kind: 'message'; view: PickupMessageView; notice?: 'accepted' }
  | { kind: 'declined' }
  | { kind: 'closed'; notice?: 'accepted' }
  | { kind: 'failed'; problem: Problem };

/** Something to tell the visitor; the form shows it in its live region. */
export type Problem =
  | { kind: 'format' }
  | { kind: 'denied' }
  | { kind: 'blocked'; retryAfterSeconds?: number }
  | { kind: 'closed' }
  | { kind: 'session-required' }
  | { kind: 'offline' }
  | { kind: 'failed'; correlationId?: string };

/** Maps an API failure to what the visitor is told; wrong code, unknown and expired look alike. */
export function problemOf(error: unknown): Problem {
  if (!(error instanceof ApiError)) return { kind: 'failed' };
  if (error.status === 0) return { kind: 'offline' };
  switch (error.code) {
    case 'PICKUP_DENIED':
      return { kind: 'denied' };
    case 'PICKUP_BLOCKED':
      return { kind: 'blocked', retryAfterSeconds: error.retryAfterSeconds };
    case 'PICKUP_CLOSED':
      return { kind: 'closed' };
    case 'PICKUP_SESSION_REQUIRED':
      return { kind: 'session-required' };
    default:
      return { kind: 'failed', correlationId: error.correlationId };
  }
}
