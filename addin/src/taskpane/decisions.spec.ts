import { addinConfigFromEnv, parseAddinConfig } from '../common/addin-config';
import { luminance, themeKind } from './office-theme';
import { chooseSignIn } from './sign-in';

describe('themeKind', () => {
  const none = { forcedColors: false, prefersDark: false };
  it.each([
    [{ bodyBackgroundColor: '#ffffff' }, none, 'light'],
    [{ bodyBackgroundColor: '#262626' }, none, 'dark'],
    [{ bodyBackgroundColor: '#000' }, none, 'dark'],
    [{ bodyBackgroundColor: '#fff' }, { forcedColors: true, prefersDark: false }, 'contrast'],
    [null, { forcedColors: false, prefersDark: true }, 'dark'],
    [null, none, 'light'],
    [{ bodyBackgroundColor: 'not a colour' }, { forcedColors: false, prefersDark: true }, 'dark'],
  ] as const)('%j with %j is %s', (theme, media, kind) => {
    expect(themeKind(theme, media)).toBe(kind);
  });

  it('computes WCAG luminance', () => {
    expect(luminance('#ffffff')).toBeCloseTo(1);
    expect(luminance('#000000')).toBeCloseTo(0);
    expect(luminance('#777')).toBeCloseTo(0.184, 2);
    expect(luminance('blue')).toBeNull();
  });
});

describe('chooseSignIn', () => {
  const base = {
    serverNeedsToken: true,
    naaSupported: true,
    ssoSupported: true,
    clientId: 'app-id',
    apiScope: 'api://zegel/access_as_user',
  };
  it.each([
    [{ serverNeedsToken: false }, 'development'],
    [{}, 'naa'],
    [{ naaSupported: false }, 'sso'],
    [{ clientId: null }, 'sso'],
    [{ apiScope: null }, 'sso'],
    [{ naaSupported: false, ssoSupported: false }, 'unavailable'],
    [{ clientId: null, ssoSupported: false }, 'unavailable'],
  ])('%j → %s', (change, method) => {
    expect(chooseSignIn({ ...base, ...change })).toBe(method);
  });
});

describe('add-in configuration', () => {
  it('falls back to the defaults for anything missing or wrong', () => {
    expect(parseAddinConfig(null)).toEqual({
      clientId: null,
      apiScope: null,
      authority: null,
      unlabelledExternal: 'block',
      internalDomains: [],
    });
    expect(
      parseAddinConfig({ unlabelledExternal: 'maybe', internalDomains: [' UMC.nl ', 3, ''] }),
    ).toMatchObject({ unlabelledExternal: 'block', internalDomains: ['umc.nl'] });
  });

  it('reads the build environment', () => {
    expect(
      addinConfigFromEnv({
        ZEGEL_ADDIN_CLIENT_ID: 'id',
        ZEGEL_ADDIN_API_SCOPE: 'api://x/y',
        ZEGEL_ADDIN_UNLABELLED_EXTERNAL: 'warn',
        ZEGEL_ADDIN_INTERNAL_DOMAINS: 'a.nl, b.nl',
      }),
    ).toEqual({
      clientId: 'id',
      apiScope: 'api://x/y',
      authority: null,
      unlabelledExternal: 'warn',
      internalDomains: ['a.nl', 'b.nl'],
    });
  });

  it('refuses an unknown policy at build time', () => {
    expect(() => addinConfigFromEnv({ ZEGEL_ADDIN_UNLABELLED_EXTERNAL: 'sometimes' })).toThrow(
      /block, warn or allow/,
    );
  });
});
