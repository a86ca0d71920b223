import { phonesFromHeader } from './phone-header.util';

describe('phonesFromHeader', () => {
  const rcpt = ['jan@example.nl', 'Piet@Example.nl'];
  it.each([
    [['jan@example.nl +31612345678'], { 'jan@example.nl': '+31612345678' }],
    [
      ['jan@example.nl +31612345678, piet@example.nl=+31687654321'],
      { 'jan@example.nl': '+31612345678', 'piet@example.nl': '+31687654321' },
    ],
    [
      ['<JAN@example.nl> +31612345678', 'piet@example.nl +31687654321'],
      { 'jan@example.nl': '+31612345678', 'piet@example.nl': '+31687654321' },
    ],
    [['someone@else.nl +31612345678'], {}],
    [['jan@example.nl 0612345678'], {}],
    [['jan@example.nl +31612345678; rm -rf'], {}],
    [
      ['jan@example.nl +31612345678', 'jan@example.nl +31600000000'],
      { 'jan@example.nl': '+31612345678' },
    ],
    [[''], {}],
    [undefined, {}],
  ])('%j → %j', (values, expected) => {
    expect(Object.fromEntries(phonesFromHeader(values, rcpt))).toEqual(expected);
  });
});
