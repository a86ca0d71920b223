import { ApiError } from '../common/api-client';
import { PICKUP_TEXTS } from './messages';
import { tokenFromPath } from './pickup-api';
import { problemOf } from './pickup-state';
import { problemText } from './problem-bar';

describe('problemOf', () => {
  it.each([
    [new ApiError(401, 'PICKUP_DENIED', 'x'), { kind: 'denied' }],
    [
      new ApiError(429, 'PICKUP_BLOCKED', 'x', 'c', 600),
      { kind: 'blocked', retryAfterSeconds: 600 },
    ],
    [new ApiError(410, 'PICKUP_CLOSED', 'x'), { kind: 'closed' }],
    [new ApiError(401, 'PICKUP_SESSION_REQUIRED', 'x'), { kind: 'session-required' }],
    [new ApiError(0, undefined, 'fetch failed'), { kind: 'offline' }],
    [new ApiError(500, 'INTERNAL', 'x', 'c-42'), { kind: 'failed', correlationId: 'c-42' }],
    [new Error('boom'), { kind: 'failed' }],
  ])('%s', (error, problem) => {
    expect(problemOf(error)).toEqual(problem);
  });
});

describe('problemText', () => {
  it('gives one answer for wrong, unknown, expired and locked', () => {
    expect(problemText(PICKUP_TEXTS.en, { kind: 'denied' }).text).toBe(
      'This code does not open this message, or the link is no longer valid. Check the code, or contact the sender.',
    );
  });

  it('turns Retry-After into whole minutes, rounding up', () => {
    const blocked = (s: number) =>
      problemText(PICKUP_TEXTS.en, { kind: 'blocked', retryAfterSeconds: s }).detail;
    expect(blocked(3600)).toBe('You can try again in 60 minutes.');
    expect(blocked(61)).toBe('You can try again in 2 minutes.');
    expect(blocked(5)).toBe('You can try again in a minute.');
    expect(problemText(PICKUP_TEXTS.nl, { kind: 'blocked' }).detail).toBeUndefined();
  });

  it('names the correlation id of a server fault', () => {
    expect(problemText(PICKUP_TEXTS.nl, { kind: 'failed', correlationId: 'c-7' }).detail).toContain(
      'c-7',
    );
  });

  it('has every text in both languages', () => {
    expect(Object.keys(PICKUP_TEXTS.nl).sort()).toEqual(Object.keys(PICKUP_TEXTS.en).sort());
  });
});

describe('tokenFromPath', () => {
  it.each([
    ['/p/UkVdNVaYXBb-yXQNNbADJg', 'UkVdNVaYXBb-yXQNNbADJg'],
    ['/p/abc/', 'abc'],
    ['/p/', null],
    ['/p/a/b', null],
    ['/admin', null],
    ['/p/%E0%A4%A', null],
  ])('%s → %s', (path, token) => {
    expect(tokenFromPath(path)).toBe(token);
  });
});
