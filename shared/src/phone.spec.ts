import { parsePhone } from './phone';

describe('parsePhone', () => {
  it.each([
    ['+31612345678', '+31612345678'],
    ['+31 6 1234 5678', '+31612345678'],
    ['0031-6-12345678', '+31612345678'],
    ['(+32) 470 12 34 56', '+32470123456'],
    ['  +4915112345678 ', '+4915112345678'],
  ])('takes %s as %s', (typed, phone) => {
    expect(parsePhone(typed)).toEqual({ ok: true, phone });
  });

  it('refuses a national number instead of guessing its country', () => {
    expect(parsePhone('06 12345678')).toEqual({ ok: false, reason: 'national' });
  });

  it.each(['', '+', '+0612345678', '+31 6 12ab5678', '+3161234567890123', 'bel me', '+31<script>'])(
    'refuses %j',
    (typed) => {
      expect(parsePhone(typed)).toEqual({ ok: false, reason: 'format' });
    },
  );
});
