import { sessionKey } from './mx-session-pool';

describe('MxSessionPool.sessionKey', () => {
  it('keeps sessions apart by host, address, port and TLS requirement', () => {
    const target = { host: 'good.mx.dlv.test', address: '127.0.0.20', port: 25 };
    const dane = {
      ...target,
      servername: target.host,
      minVersion: 'TLSv1.2' as const,
      ciphers: 'TLS_AES_256_GCM_SHA384',
      authentication: { kind: 'dane' as const, tlsa: [] },
    };
    const key = sessionKey({ ...target, requirement: dane });
    expect(sessionKey({ ...target, requirement: { ...dane } })).toBe(key);
    expect(sessionKey(target)).not.toBe(key);
    expect(sessionKey({ ...target, port: 2525, requirement: dane })).not.toBe(key);
    expect(sessionKey({ ...target, address: '127.0.0.21', requirement: dane })).not.toBe(key);
    expect(
      sessionKey({
        ...target,
        requirement: { ...dane, authentication: { kind: 'pkix', checkName: true } },
      }),
    ).not.toBe(key);
  });
});
