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
    expect(config.database).toEqual({
      type: 'sqlite',
      path: '/srv/zegel/data/zegel.sqlite',
      migrate: 'auto',
    });
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

  describe('the SMS channel fails closed', () => {
    const oidc = {
      ...base,
      ZEGEL_AUTH_MODE: 'oidc',
      ZEGEL_OUTBOUND_MODE: 'relay',
      ZEGEL_RELAY_URL: 'smtp://relay.example.nl:587',
      ZEGEL_OIDC_ISSUER: 'https://login.example/tenant/v2.0',
      ZEGEL_OIDC_AUDIENCE: 'api://zegel',
    };

    it('sends codes through the sender when no provider is configured outside development', () => {
      const config = loadConfig(oidc, '/srv/zegel');
      expect(config.notify.sms.provider).toBe('none');
      expect(config.notify.ceIdChannel).toBe('sender');
    });

    it('uses the development outbox only in development mode', () => {
      const config = loadConfig({ ZEGEL_AUTH_MODE: 'dev' }, '/srv/zegel');
      expect(config.notify.sms.provider).toBe('outbox');
      expect(config.notify.ceIdChannel).toBe('sms-or-sender');
    });

    it.each([
      [{ ZEGEL_SMS_PROVIDER: 'outbox' }, 'ZEGEL_SMS_PROVIDER'],
      [{ ZEGEL_CEID_CHANNEL: 'sms' }, 'ZEGEL_CEID_CHANNEL'],
      [{ ZEGEL_CEID_CHANNEL: 'sms-or-sender', ZEGEL_SMS_PROVIDER: 'none' }, 'ZEGEL_CEID_CHANNEL'],
      [{ ZEGEL_SMS_PROVIDER: 'cm' }, 'ZEGEL_SMS_CM_PRODUCT_TOKEN'],
      [
        { ZEGEL_SMS_PROVIDER: 'cm', ZEGEL_SMS_CM_PRODUCT_TOKEN: 'not-a-token' },
        'ZEGEL_SMS_CM_PRODUCT_TOKEN',
      ],
      [
        {
          ZEGEL_SMS_PROVIDER: 'cm',
          ZEGEL_SMS_CM_PRODUCT_TOKEN: '6f1d5c1e-0a4b-4c7e-9d2f-3b8a1e5c7d90',
          ZEGEL_SMS_CM_URL: 'http://gw.messaging.cm.com/v1.0/message',
        },
        'ZEGEL_SMS_CM_URL',
      ],
      [{ ZEGEL_ADMIN_AUTHORITY: 'http://login.example/tenant' }, 'ZEGEL_ADMIN_AUTHORITY'],
    ])('refuses %j outside development mode', (env, key) => {
      expect(problems({ ...oidc, ...env }).some((p) => p.startsWith(key))).toBe(true);
    });

    it('makes an operator choose how mail leaves outside development mode', () => {
      const { ZEGEL_OUTBOUND_MODE: _mode, ...unset } = oidc;
      expect(problems(unset).some((p) => p.startsWith('ZEGEL_OUTBOUND_MODE'))).toBe(true);
      expect(
        loadConfig({ ...unset, ZEGEL_OUTBOUND_MODE: 'capture' }, '/srv/zegel').notify.outboundMode,
      ).toBe('capture');
    });

    it('starts with CM.com and a product token', () => {
      const config = loadConfig(
        {
          ...oidc,
          ZEGEL_SMS_PROVIDER: 'cm',
          ZEGEL_SMS_CM_PRODUCT_TOKEN: '6f1d5c1e-0a4b-4c7e-9d2f-3b8a1e5c7d90',
        },
        '/srv/zegel',
      );
      expect(config.notify.ceIdChannel).toBe('sms-or-sender');
    });
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
    expect(config.database).toEqual({
      type: 'postgres',
      url: 'postgres://zegel@db:5432/zegel',
      migrate: 'auto',
      poolSize: 10,
    });
  });

  it('takes the size of the database connection pool, within bounds', () => {
    const url = { ...base, ZEGEL_DATABASE_URL: 'postgres://zegel@db:5432/zegel' };
    expect(loadConfig({ ...url, ZEGEL_DATABASE_POOL_SIZE: '40' }).database.poolSize).toBe(40);
    for (const bad of ['0', '501', 'many'])
      expect(() => loadConfig({ ...url, ZEGEL_DATABASE_POOL_SIZE: bad })).toThrow(
        /ZEGEL_DATABASE_POOL_SIZE/,
      );
  });

  it('leaves Microsoft 365 off unless a tenant, a client and a credential are set', () => {
    expect(loadConfig(base, '/srv/zegel').m365).toBeUndefined();
    const config = loadConfig(
      {
        ...base,
        ZEGEL_M365_TENANT_ID: 'tenant-1',
        ZEGEL_M365_CLIENT_ID: 'client-1',
        ZEGEL_M365_CLIENT_CERT_FILE: 'm365/zegel.pem',
        ZEGEL_M365_CLIENT_KEY_FILE: 'm365/zegel.key',
        ZEGEL_MAIL_FROM: 'Zegel <Zegel@Zorg.Example>',
      },
      '/srv/zegel',
    );
    expect(config.m365).toEqual({
      tenantId: 'tenant-1',
      clientId: 'client-1',
      authority: 'https://login.microsoftonline.com/tenant-1',
      credential: {
        kind: 'certificate',
        certFile: '/srv/zegel/m365/zegel.pem',
        keyFile: '/srv/zegel/m365/zegel.key',
      },
      graphUrl: 'https://graph.microsoft.com/v1.0',
      intake: true,
      intakeMinBytes: 10 * 1024 * 1024,
      mailbox: 'zegel@zorg.example',
    });
  });

  it.each([
    [
      { ZEGEL_OUTBOUND_MODE: 'graph' },
      ['ZEGEL_M365_TENANT_ID', 'ZEGEL_M365_CLIENT_ID', 'ZEGEL_M365_CLIENT_CERT_FILE or'],
    ],
    [{ ZEGEL_M365_CLIENT_ID: 'c' }, ['ZEGEL_M365_TENANT_ID', 'ZEGEL_M365_CLIENT_CERT_FILE or']],
    [
      {
        ZEGEL_M365_TENANT_ID: 't',
        ZEGEL_M365_CLIENT_ID: 'c',
        ZEGEL_M365_CLIENT_CERT_FILE: 'x.pem',
      },
      ['ZEGEL_M365_CLIENT_CERT_FILE and ZEGEL_M365_CLIENT_KEY_FILE'],
    ],
    [
      {
        ZEGEL_M365_TENANT_ID: 't',
        ZEGEL_M365_CLIENT_ID: 'c',
        ZEGEL_M365_CLIENT_CERT_FILE: 'x.pem',
        ZEGEL_M365_CLIENT_KEY_FILE: 'x.key',
        ZEGEL_M365_CLIENT_SECRET: 's',
      },
      ['ZEGEL_M365_CLIENT_SECRET'],
    ],
    [{ ZEGEL_GRAPH_URL: 'http://graph.example/v1.0' }, ['ZEGEL_GRAPH_URL']],
    [{ ZEGEL_M365_AUTHORITY_HOST: 'https://login.example/tenant' }, ['ZEGEL_M365_AUTHORITY_HOST']],
    [{ ZEGEL_GRAPH_MAILBOX: 'Zegel <z@x.nl>' }, ['ZEGEL_GRAPH_MAILBOX']],
  ])('refuses the Microsoft 365 settings %j', (env, keys) => {
    const found = problems({ ...base, ...env });
    expect(keys.every((key) => found.some((p) => p.startsWith(key)))).toBe(true);
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
