import type { Principal } from '@cpx/platform';
import { mayManagePartner, mayRegisterPartners, requirePartnerManager } from './partner-access';

const PARTNER = '0b0e6a4e-0000-4000-8000-000000000003';
const OTHER = '0b0e6a4e-0000-4000-8000-000000000004';

describe('who may manage a partner’s feeds', () => {
  it('lets platform admins manage any partner and register partners', () => {
    const admin: Principal = { subject: 'admin', roles: ['platform_admin'] };
    expect(mayManagePartner(admin, PARTNER)).toBe(true);
    expect(mayRegisterPartners(admin)).toBe(true);
  });

  it('lets a partner’s own users manage that partner only, and register none', () => {
    const partnerUser: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER };
    expect(mayManagePartner(partnerUser, PARTNER)).toBe(true);
    expect(mayManagePartner(partnerUser, OTHER)).toBe(false);
    expect(mayRegisterPartners(partnerUser)).toBe(false);
  });

  it('refuses everybody else, whatever else their roles allow (FORBIDDEN)', () => {
    for (const principal of [
      { subject: 'pro', roles: ['professional'], partnerId: PARTNER },
      { subject: 'no-partner', roles: ['partner'] },
      { subject: 'nobody', roles: [] },
    ] as Principal[]) {
      expect(mayManagePartner(principal, PARTNER)).toBe(false);
      expect(() => requirePartnerManager(principal, PARTNER)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });
});
