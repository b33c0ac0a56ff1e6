import { principalFromClaims } from './principal-from-claims';

describe('principalFromClaims', () => {
  it('reads the subject, country, agency and partner claims', () => {
    expect(principalFromClaims({ sub: 'u-1', cpx_country: 'RS', cpx_agency: 'a-1', cpx_partner: 'p-1', roles: ['partner'] })).toEqual({
      subject: 'u-1',
      roles: ['partner'],
      country: 'RS',
      agencyId: 'a-1',
      partnerId: 'p-1',
    });
  });

  it('unites Keycloak realm roles with top-level roles, keeping only CPX roles, once each', () => {
    const principal = principalFromClaims({
      sub: 'u-2',
      realm_access: { roles: ['offline_access', 'agency_admin', 'uma_authorization', 'professional'] },
      roles: ['professional', 'curator', 'superuser'],
    });
    expect(principal.roles).toEqual(['agency_admin', 'curator', 'professional']);
  });

  it('ignores malformed claims instead of trusting them', () => {
    const principal = principalFromClaims({
      sub: 'u-3',
      realm_access: 'platform_admin',
      roles: 'platform_admin',
      cpx_country: 42,
      cpx_agency: '',
      cpx_partner: ['p'],
    } as never);
    expect(principal).toEqual({ subject: 'u-3', roles: [], country: undefined, agencyId: undefined, partnerId: undefined });
  });
});
