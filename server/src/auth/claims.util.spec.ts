import {
  bearerToken,
  grantedScopes,
  hasAnyRole,
  isAppOnly,
  looksLikeEmail,
  mapClaimsToUser,
  mapRoles,
  pickEmail,
  type ClaimRules,
} from './claims.util';

const RULES: ClaimRules = {
  requiredScope: 'Zegel.Send',
  adminRole: 'Zegel.Admin',
  socRole: 'Zegel.Soc',
};

describe('grantedScopes', () => {
  it.each([
    [{ scp: 'Zegel.Send User.Read' }, ['Zegel.Send', 'User.Read']],
    [{ scope: 'openid Zegel.Send' }, ['openid', 'Zegel.Send']],
    [{ scp: 'a', scope: 'b' }, ['a', 'b']],
    [{ scp: ['a', 'b'] }, ['a', 'b']],
    [{ scp: '  a   b ' }, ['a', 'b']],
    [{ scp: 42 }, []],
    [{}, []],
  ])('%j grants %j', (claims, expected) => {
    expect([...grantedScopes(claims)]).toEqual(expected);
  });
});

describe('mapRoles', () => {
  it.each([
    [{ roles: ['Zegel.Admin'] }, ['admin']],
    [{ roles: ['Zegel.Soc', 'Zegel.Admin'] }, ['admin', 'soc']],
    [{ roles: ['zegel.admin', 'Other'] }, []], // role names are exact
    [{ roles: 'Zegel.Soc' }, ['soc']],
    [{ roles: [1, null] }, []],
    [{}, []],
  ])('%j maps to %j', (claims, expected) => {
    expect(mapRoles(claims, RULES)).toEqual(expected);
  });

  it('follows configured role names', () => {
    expect(mapRoles({ roles: ['Boss'] }, { ...RULES, adminRole: 'Boss' })).toEqual(['admin']);
  });
});

describe('looksLikeEmail', () => {
  it.each([
    ['anne@example.nl', true],
    ['a.b+c@sub.example.co.uk', true],
    ['anne', false],
    ['anne@localhost', false],
    ['+31612345678', false],
    ['anne@@example.nl', false],
    ['anne smith@example.nl', false],
    ['<anne@example.nl>', false],
    ['anne@example.', false],
    [`${'a'.repeat(250)}@example.nl`, false],
    [42, false],
    [undefined, false],
  ])('%j → %s', (value, expected) => {
    expect(looksLikeEmail(value)).toBe(expected);
  });
});

describe('pickEmail', () => {
  it.each([
    [{ preferred_username: 'Anne@Example.NL', email: 'b@example.nl' }, 'anne@example.nl'],
    [{ preferred_username: '+31612345678', email: 'b@example.nl' }, 'b@example.nl'],
    [{ upn: 'c@example.nl' }, 'c@example.nl'],
    [{ preferred_username: 'anne' }, undefined],
    [{}, undefined],
  ])('%j → %s', (claims, expected) => {
    expect(pickEmail(claims)).toBe(expected);
  });
});

describe('mapClaimsToUser', () => {
  const valid = {
    iss: 'https://issuer.example',
    sub: 'abc',
    scp: 'Zegel.Send',
    preferred_username: 'anne@example.nl',
    name: 'Anne de Vries',
    roles: ['Zegel.Soc'],
    tid: 'tenant-1',
  };

  it('maps a complete token', () => {
    expect(mapClaimsToUser(valid, RULES)).toEqual({
      ok: true,
      user: {
        id: 'abc',
        issuer: 'https://issuer.example',
        email: 'anne@example.nl',
        name: 'Anne de Vries',
        roles: ['soc'],
        tenantId: 'tenant-1',
      },
    });
  });

  it('uses the address as name and leaves out an absent tenant', () => {
    const rest: Record<string, unknown> = { ...valid };
    delete rest.name;
    delete rest.tid;
    expect(mapClaimsToUser(rest, RULES)).toEqual({
      ok: true,
      user: {
        id: 'abc',
        issuer: 'https://issuer.example',
        email: 'anne@example.nl',
        name: 'anne@example.nl',
        roles: ['soc'],
      },
    });
  });

  it("names the owner by Entra's oid when the token carries one, never by the address", () => {
    const result = mapClaimsToUser({ ...valid, oid: 'object-1' }, RULES);
    expect(result.ok && result.user.id).toBe('object-1');
  });

  it.each([
    ['no subject', { ...valid, sub: undefined }, 'UNAUTHENTICATED', /subject/],
    ['empty subject', { ...valid, sub: '' }, 'UNAUTHENTICATED', /subject/],
    ['no scope', { ...valid, scp: undefined }, 'FORBIDDEN', /Zegel\.Send/],
    ['another scope', { ...valid, scp: 'Zegel.SendX User.Read' }, 'FORBIDDEN', /Zegel\.Send/],
    ['no address', { ...valid, preferred_username: 'anne' }, 'UNAUTHENTICATED', /e-mail address/],
  ])('refuses %s', (_label, claims, code, reason) => {
    const result = mapClaimsToUser(claims, RULES);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});

describe('isAppOnly', () => {
  it.each([
    [{ sub: 'sp', roles: ['Zegel.Soc'] }, true],
    [{ sub: 'sp', idtyp: 'app', scope: 'x' }, true],
    [{ sub: 'u', idtyp: 'user' }, false],
    [{ sub: 'u', scp: 'Zegel.Send' }, false],
    [{ sub: 'c', scope: 'Zegel.Read' }, false],
    [{ sub: 'u', preferred_username: 'anne@example.nl' }, false], // a user lacking its scope
    [{ sub: 'u', email: 'anne@example.nl' }, false],
  ])('%j → %s', (claims, expected) => {
    expect(isAppOnly(claims)).toBe(expected);
  });
});

describe('mapClaimsToUser for app-only tokens', () => {
  const app = {
    sub: 'sp-object-id',
    azp: 'siem-client-id',
    roles: ['Zegel.Soc', 'Zegel.Admin'],
    tid: 'tenant-1',
  };
  it('maps a client-credentials token with the SOC role to an app holding only soc', () => {
    expect(mapClaimsToUser(app, RULES)).toEqual({
      ok: true,
      user: {
        id: 'sp-object-id',
        issuer: '',
        email: '',
        name: 'app siem-client-id',
        roles: ['soc'],
        app: { clientId: 'siem-client-id' },
        tenantId: 'tenant-1',
      },
    });
  });
  it('names the client by appid (v1) or client_id (RFC 9068) when azp is absent', () => {
    const { azp: _azp, ...rest } = app;
    expect(mapClaimsToUser({ ...rest, appid: 'v1-id' }, RULES)).toMatchObject({
      user: { app: { clientId: 'v1-id' } },
    });
    expect(mapClaimsToUser({ ...rest, client_id: 'c-id' }, RULES)).toMatchObject({
      user: { app: { clientId: 'c-id' } },
    });
  });
  it.each([
    ['no roles', { ...app, roles: undefined }],
    ['only the admin role', { ...app, roles: ['Zegel.Admin'] }],
  ])('refuses an app with %s', (_label, claims) => {
    expect(mapClaimsToUser(claims, RULES)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
      reason: expect.stringMatching(/Zegel\.Soc/),
    });
  });
});

describe('hasAnyRole', () => {
  it.each([
    [[], [], true],
    [['admin'], [], true],
    [[], ['admin'], false],
    [['soc'], ['admin'], false],
    [['soc'], ['admin', 'soc'], true],
    [['admin', 'soc'], ['soc'], true],
  ] as const)('user %j, route %j → %s', (roles, required, expected) => {
    expect(hasAnyRole({ roles: [...roles] }, required)).toBe(expected);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc', 'abc'],
    ['Bearer  abc ', 'abc'],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    ['', undefined],
    [undefined, undefined],
    [['Bearer a', 'Bearer b'], undefined],
  ])('%j → %s', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});
