import { serializeRequest } from './logging';

describe('serializeRequest', () => {
  it('keeps the id, method, path without the pickup token and peer, and nothing else', () => {
    const logged = serializeRequest({
      id: 'corr-1234',
      method: 'GET',
      url: '/message',
      originalUrl: '/api/v1/pickup/AAAAAAAAAAAAAAAAAAAAAA/message?x=1',
      socket: { remoteAddress: '192.0.2.7' },
      headers: { cookie: 'zegel_pickup=secret' },
    } as Parameters<typeof serializeRequest>[0]);
    expect(logged).toEqual({
      id: 'corr-1234',
      method: 'GET',
      url: '/api/v1/pickup/:token/message',
      remoteAddress: '192.0.2.7',
    });
  });

  it('reads the path from url when no router rewrote it', () => {
    expect(serializeRequest({ method: 'GET', url: '/p/AAAAAAAAAAAAAAAAAAAAAA' }).url).toBe(
      '/p/:token',
    );
  });
});
