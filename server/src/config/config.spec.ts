import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_SCHEMA } from './config.schema';
import { ConfigError, isLoopbackHost, loadConfig } from './config';

const base = {
  ZEGEL_AUTH_MODE: 'dev',
  ZEGEL_DATA_DIR: '/srv/zegel/data',
  ZEGEL_KEY_DIR: '/srv/zegel/keys',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv/zegel');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it('runs on documented defaults in development mode', () => {
    const config = loadConfig({ ZEGEL_AUTH_MODE: 'dev' }, '/srv/zegel');
    expect(config.port).toBe(3000);
    expect(config.smtp.port).toBe(2525);
    expect(config.dataDir).toBe('/srv/zegel/data');
    expect(config.keyDir).toBe('/srv/zegel/keys');
    expect(config.database).toEqual({ type: 'sqlite', path: '/srv/zegel/data/zegel.sqlite' });
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.notify.outboundMode).toBe('capture');
    expect(config.notify.showSubject).toBe(false);
  });

  it('lists every problem at once', () => {
    const found = problems({
      ...base,
      ZEGEL_PORT: 'eighty',
      ZEGEL_DNS_RESOLVER: '127.0.0.1',
      ZEGEL_NOTIFY_SHOW_SUBJECT: 'maybe',
      ZEGEL_PUBLIC_URL: 'not a url',
      ZEGEL_DATABASE_URL: 'mysql://x',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'ZEGEL_DATABASE_URL',
      'ZEGEL_DNS_RESOLVER',
      'ZEGEL_NOTIFY_SHOW_SUBJECT',
      'ZEGEL_PORT',
      'ZEGEL_PUBLIC_URL',
    ]);
  });

  it('refuses an unknown ZEGEL_ name, so a typo never falls back to a default', () => {
    expect(problems({ ...base, ZEGEL_MAX_ATACHMENTS: '3' })).toEqual([
      'ZEGEL_MAX_ATACHMENTS: unknown setting',
    ]);
  });

  it.each([
    [{ ZEGEL_KEY_DIR: '/srv/zegel/data/keys' }, 'ZEGEL_KEY_DIR'],
    [{ ZEGEL_DATA_DIR: '/srv/zegel/keys/data' }, 'ZEGEL_KEY_DIR'],
    [{ ZEGEL_HOST: '0.0.0.0' }, 'ZEGEL_AUTH_MODE'],
    [{ ZEGEL_HOST: '127.0.0.1.example.nl' }, 'ZEGEL_AUTH_MODE'],
    [{ ZEGEL_AUTH_MODE: 'oidc' }, 'ZEGEL_OIDC_ISSUER'],
    [{ ZEGEL_OUTBOUND_MODE: 'relay' }, 'ZEGEL_RELAY_URL'],
    [
      { ZEGEL_MAX_ATTACHMENT_BYTES: '10', ZEGEL_MAX_MESSAGE_BYTES: '5' },
      'ZEGEL_MAX_ATTACHMENT_BYTES',
    ],
  ])('refuses %j', (env, key) => {
    expect(problems({ ...base, ...env }).some((p) => p.startsWith(key))).toBe(true);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['127.0.0.1.nip.io', false],
  ])('loopback %s: %p', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('sizes the in-flight body budget to hold at least one largest submission', () => {
    const config = loadConfig({ ZEGEL_AUTH_MODE: 'dev' }, '/srv/zegel');
    expect(config.limits.maxInFlightBodyBytes).toBe(64 * 1024 ** 2);
    const big = loadConfig(
      { ZEGEL_AUTH_MODE: 'dev', ZEGEL_MAX_BODY_BYTES: String(100 * 1024 ** 2) },
      '/srv/zegel',
    );
    expect(big.limits.maxInFlightBodyBytes).toBeGreaterThan(600 * 1024 ** 2);
    expect(problems({ ...base, ZEGEL_MAX_INFLIGHT_BODY_BYTES: String(1024 ** 2) })).toEqual([
      expect.stringMatching(/^ZEGEL_MAX_INFLIGHT_BODY_BYTES: must be at least \d+/),
    ]);
  });

  it('keeps metrics on loopback by default', () => {
    expect(loadConfig({ ZEGEL_AUTH_MODE: 'dev' }, '/srv/zegel').metrics).toEqual({
      host: '127.0.0.1',
      port: 9464,
    });
  });

  it('reads PostgreSQL from a URL', () => {
    const config = loadConfig({ ...base, ZEGEL_DATABASE_URL: 'postgres://zegel@db:5432/zegel' });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://zegel@db:5432/zegel' });
  });

  it('documents every setting in docs/configuration.md', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'configuration.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\|\s*`(ZEGEL_[A-Z0-9_]+)`/gm)].map((m) => m[1]));
    const missing = Object.keys(CONFIG_SCHEMA).filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
    const unknown = [...documented].filter((key) => !(key in CONFIG_SCHEMA));
    expect(unknown).toEqual([]);
  });
});
