import type { RecipientState, RecipientStatus } from '@zegel/shared';

export type StateColor = 'success' | 'warning' | 'danger' | 'informative' | 'brand';

/** How a recipient's state reads at a glance: done well, waiting, or needing attention. */
export function stateColor(state: RecipientState): StateColor {
  switch (state) {
    case 'accepted':
    case 'handed-over':
    case 'delivered':
      return 'success';
    case 'pending':
    case 'notified':
      return 'informative';
    case 'expired':
    case 'revoked':
      return 'warning';
    case 'declined':
    case 'locked':
    case 'notification-failed':
    case 'delivery-failed':
      return 'danger';
    default:
      return 'brand';
  }
}

/** A new code opens something only for a pickup copy that has not been answered or ended. */
export function canIssueNewCode(r: RecipientStatus): boolean {
  return r.route === 'pickup' && ['pending', 'notified', 'handed-over', 'locked'].includes(r.state);
}
