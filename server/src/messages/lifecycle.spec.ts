import { canDownload, canRespond, canUnlock, contentStillNeeded } from './lifecycle';

const now = new Date('2026-11-23T12:00:00Z');
const later = new Date('2026-11-24T12:00:00Z');
const earlier = new Date('2026-11-22T12:00:00Z');

describe('lifecycle decisions', () => {
  it.each([
    [[{ state: 'notified', retainUntil: null }], true],
    [[{ state: 'pending', retainUntil: null }], true],
    [[{ state: 'handed-over', retainUntil: null }], true],
    [[{ state: 'accepted', retainUntil: later }], true],
    [[{ state: 'accepted', retainUntil: earlier }], false],
    [[{ state: 'declined', retainUntil: null }], false],
    [[{ state: 'expired', retainUntil: null }], false],
    [[{ state: 'locked', retainUntil: null }], false],
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
    ['notified', true],
    ['handed-over', true],
    ['accepted', true],
    ['declined', false],
    ['expired', false],
    ['locked', false],
    ['revoked', false],
  ] as const)('unlock when %s: %p', (state, expected) => {
    expect(canUnlock(state)).toBe(expected);
  });

  it('responds only after handover, once', () => {
    expect(canRespond('handed-over')).toBe(true);
    expect(canRespond('accepted')).toBe(false);
    expect(canRespond('notified')).toBe(false);
  });

  it('downloads during the grace period only', () => {
    expect(canDownload({ state: 'accepted', retainUntil: later }, now)).toBe(true);
    expect(canDownload({ state: 'accepted', retainUntil: earlier }, now)).toBe(false);
    expect(canDownload({ state: 'declined', retainUntil: null }, now)).toBe(false);
  });
});
