import type { RecipientState } from '@zegel/shared';
import {
  canDownload,
  canReissue,
  canRespond,
  canUnlock,
  contentStillNeeded,
  nextState,
  TRANSITIONS,
  type LifecycleEvent,
} from './recipient-lifecycle.rules';

const STATES: RecipientState[] = [
  'pending',
  'notified',
  'notification-failed',
  'handed-over',
  'accepted',
  'declined',
  'expired',
  'locked',
  'revoked',
  'delivered',
  'delivery-failed',
];

/**
 * The whole table written out by hand, one row per state, one column per event, in the order of
 * EVENTS. `.` means refused. A change to the transition table must change this table too.
 */
const EVENTS: LifecycleEvent[] = [
  'notification-sent',
  'notification-failed',
  'code-accepted',
  'accept',
  'decline',
  'lock',
  'unlock-by-admin',
  'new-code-unlocks',
  'expire',
  'revoke',
  'delivered',
  'delivery-failed',
  'notification-resent',
];
const N = 'notified';
const H = 'handed-over';
const X = 'expired';
const L = 'locked';
const R = 'revoked';
const _ = '.';
const EXPECTED: Record<RecipientState, string[]> = {
  //                    sent  failed  code  accept  decline  lock  admin  newcode  expire  revoke  deliv  delivfail  resent
  pending: /*        */ [
    N,
    'notification-failed',
    H,
    _,
    _,
    L,
    _,
    _,
    X,
    R,
    'delivered',
    'delivery-failed',
    _,
  ],
  notified: /*       */ [_, _, H, _, _, L, _, _, X, R, _, _, _],
  'notification-failed': [_, _, H, _, _, L, _, _, X, R, _, _, N],
  'handed-over': /*  */ [_, _, _, 'accepted', 'declined', L, _, _, X, _, _, _, _],
  accepted: /*       */ [_, _, _, _, _, _, _, _, _, _, _, _, _],
  declined: /*       */ [_, _, _, _, _, _, _, _, _, _, _, _, _],
  expired: /*        */ [_, _, _, _, _, _, _, _, _, _, _, _, _],
  locked: /*         */ [_, _, _, _, _, _, N, N, X, R, _, _, _],
  revoked: /*        */ [_, _, _, _, _, _, _, _, _, _, _, _, _],
  delivered: /*      */ [_, _, _, _, _, _, _, _, _, _, _, _, _],
  'delivery-failed': [_, _, _, _, _, _, _, _, _, _, _, _, _],
};

describe('recipient transition table', () => {
  it('covers every event', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...EVENTS].sort());
  });

  for (const state of STATES) {
    for (const [i, event] of EVENTS.entries()) {
      const expected = EXPECTED[state][i];
      it(`${state} --${event}--> ${expected === _ ? 'refused' : expected}`, () => {
        expect(nextState(state, event)).toBe(expected === _ ? null : expected);
      });
    }
  }

  it('ends in final states from which nothing moves', () => {
    for (const state of ['accepted', 'declined', 'expired', 'revoked', 'delivered'] as const) {
      expect(EVENTS.map((e) => nextState(state, e)).filter(Boolean)).toEqual([]);
    }
  });
});

const now = new Date('2026-11-23T12:00:00Z');
const later = new Date('2026-11-24T12:00:00Z');
const earlier = new Date('2026-11-22T12:00:00Z');

describe('lifecycle decisions', () => {
  it.each([
    [[{ state: 'notified', retainUntil: null }], true],
    [[{ state: 'pending', retainUntil: null }], true],
    [[{ state: 'handed-over', retainUntil: null }], true],
    [[{ state: 'locked', retainUntil: null }], true],
    [[{ state: 'accepted', retainUntil: later }], true],
    [[{ state: 'accepted', retainUntil: earlier }], false],
    [[{ state: 'declined', retainUntil: null }], false],
    [[{ state: 'expired', retainUntil: null }], false],
    [[{ state: 'delivered', retainUntil: null }], false],
    [
      [
        { state: 'declined', retainUntil: null },
        { state: 'notified', retainUntil: null },
      ],
      true,
    ],
    [
      [
        { state: 'declined', retainUntil: null },
        { state: 'accepted', retainUntil: earlier },
      ],
      false,
    ],
  ] as const)('content needed for %j: %p', (recipients, expected) => {
    expect(
      contentStillNeeded(
        recipients.map((r) => ({ ...r })),
        now,
      ),
    ).toBe(expected);
  });

  it.each([
    ['pending', true],
    ['notified', true],
    ['notification-failed', true],
    ['handed-over', true],
    ['accepted', true],
    ['declined', false],
    ['expired', false],
    ['locked', false],
    ['revoked', false],
    ['delivered', false],
  ] as const)('unlock when %s: %p', (state, expected) => {
    expect(canUnlock(state)).toBe(expected);
  });

  it.each([
    ['locked', true],
    ['notified', true],
    ['accepted', true],
    ['declined', false],
    ['revoked', false],
    ['delivered', false],
    ['expired', false],
  ] as const)('new code when %s: %p', (state, expected) => {
    expect(canReissue(state)).toBe(expected);
  });

  it('responds only once, after handover', () => {
    expect(STATES.filter(canRespond)).toEqual(['handed-over']);
  });

  it('downloads while handed over or inside the grace period', () => {
    expect(canDownload({ state: 'handed-over', retainUntil: null }, now)).toBe(true);
    expect(canDownload({ state: 'accepted', retainUntil: later }, now)).toBe(true);
    expect(canDownload({ state: 'accepted', retainUntil: earlier }, now)).toBe(false);
    expect(canDownload({ state: 'notified', retainUntil: null }, now)).toBe(false);
  });
});
