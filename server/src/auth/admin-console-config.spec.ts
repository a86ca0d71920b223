import { adminConsoleConfig, adminIdentityOrigin } from './admin-console-config';

const oidc = (extra: Record<string, unknown> = {}) => ({
  authMode: 'oidc' as const,
  oidc: {
    issuer: 'https://login.microsoftonline.com/7c1f3a2e-0000-4000-8000-000000000001/v2.0',
    audience: '0b9f6f1e-1111-4000-8000-00000000beef',
    requiredScope: 'Zegel.Send',
    adminRole: 'Zegel.Admin',
    socRole: 'Zegel.Soc',
    clockToleranceSeconds: 30,
    ...extra,
  },
});

describe('adminConsoleConfig', () => {
  it('needs no sign-in in development mode', () => {
    expect(adminConsoleConfig({ ...oidc(), authMode: 'dev' })).toEqual({ signIn: 'development' });
    expect(adminIdentityOrigin({ ...oidc(), authMode: 'dev' })).toBeNull();
  });

  it('derives the Entra authority and the API scope from the server settings', () => {
    expect(adminConsoleConfig(oidc({ console: { clientId: 'console-id' } }))).toEqual({
      signIn: 'oidc',
      authority: 'https://login.microsoftonline.com/7c1f3a2e-0000-4000-8000-000000000001',
      protocol: 'entra',
      clientId: 'console-id',
      scopes: ['api://0b9f6f1e-1111-4000-8000-00000000beef/Zegel.Send'],
    });
    expect(adminIdentityOrigin(oidc())).toBe('https://login.microsoftonline.com');
  });

  it('speaks plain OIDC to another provider, and keeps an Application ID URI as it is', () => {
    const config = adminConsoleConfig(
      oidc({ issuer: 'https://idp.example.org/realms/zegel/', audience: 'api://zegel' }),
    );
    expect(config).toMatchObject({
      authority: 'https://idp.example.org/realms/zegel',
      protocol: 'oidc',
      clientId: null,
      scopes: ['api://zegel/Zegel.Send'],
    });
  });

  it('takes the authority and scopes set apart for the console', () => {
    const config = adminConsoleConfig(
      oidc({
        console: {
          clientId: 'c',
          authority: 'https://login.microsoftonline.us/tenant',
          scopes: ['api://x/Zegel.Send', 'User.Read'],
        },
      }),
    );
    expect(config).toMatchObject({
      authority: 'https://login.microsoftonline.us/tenant',
      protocol: 'entra',
      scopes: ['api://x/Zegel.Send', 'User.Read'],
    });
  });
});
