import { relayConnection } from './relay-transport.adapter';

describe('relayConnection', () => {
  it.each([
    ['smtp://relay.example.nl:25', { host: 'relay.example.nl', port: 25, secure: false }],
    ['smtp://relay.example.nl', { host: 'relay.example.nl', port: 587, secure: false }],
    ['smtps://relay.example.nl', { host: 'relay.example.nl', port: 465, secure: true }],
    ['smtp://[::1]:2525', { host: '::1', port: 2525, secure: false }],
    [
      'smtp://zegel%40org.nl:p%40ss@relay.example.nl:587',
      {
        host: 'relay.example.nl',
        port: 587,
        secure: false,
        auth: { user: 'zegel@org.nl', pass: 'p@ss' },
      },
    ],
  ])('%s', (url, expected) => {
    expect(relayConnection(url)).toEqual(expected);
  });
});
