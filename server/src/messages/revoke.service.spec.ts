import type { RecipientState } from '@zegel/shared';
import { planRevocation } from './revoke.service';

describe('planRevocation', () => {
  it.each<[RecipientState, 'revoke' | 'delivered' | 'retrieved' | 'none']>([
    ['pending', 'revoke'],
    ['notified', 'revoke'],
    ['notification-failed', 'revoke'],
    ['locked', 'revoke'],
    ['handed-over', 'retrieved'],
    ['accepted', 'retrieved'],
    ['declined', 'retrieved'],
    ['delivered' as RecipientState, 'delivered'],
    ['expired', 'none'],
    ['revoked', 'none'],
  ])('%s → %s', (state, bucket) => {
    const plan = planRevocation([{ address: 'a@b.nl', state }]);
    const found = (['revoke', 'delivered', 'retrieved'] as const).filter((k) =>
      plan[k].includes('a@b.nl'),
    );
    expect(found).toEqual(bucket === 'none' ? [] : [bucket]);
  });
});
