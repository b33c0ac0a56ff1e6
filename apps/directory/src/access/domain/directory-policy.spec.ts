import type { Principal } from '@cpx/platform';
import type { Caller } from './caller';
import {
  assertMayManageAgencies,
  assertMayManagePeopleOf,
  assertMayNameContactsFor,
  assertMayReadAgencies,
  assertMayRegisterCountries,
  mayManageAnyoneIn,
} from './directory-policy';

const AGENCY = '11111111-1111-4111-8111-111111111111';
const OTHER_AGENCY = '22222222-2222-4222-8222-222222222222';

const as = (principal: Principal): Caller => ({ principal, professional: null });
const platformAdmin = as({ subject: 'root', roles: ['platform_admin'] });
const agencyAdmin = as({ subject: 'admin', roles: ['agency_admin', 'professional'], agencyId: AGENCY, country: 'RS' });
const professional = as({ subject: 'pro', roles: ['professional'], agencyId: AGENCY, country: 'RS' });
const partner = as({ subject: 'unicef', roles: ['partner'], partnerId: 'unicef' });
const nobody = as({ subject: 'nobody', roles: [] });
const forbidden = expect.objectContaining({ code: 'FORBIDDEN' });

describe('who may do what in the directory', () => {
  it('lets every signed-in role read agencies and countries, partners included, but no one without a role', () => {
    for (const caller of [platformAdmin, agencyAdmin, professional, partner]) expect(() => assertMayReadAgencies(caller)).not.toThrow();
    expect(() => assertMayReadAgencies(nobody)).toThrow(forbidden);
  });

  it('leaves agencies and countries to platform admins', () => {
    expect(() => assertMayManageAgencies(platformAdmin)).not.toThrow();
    expect(() => assertMayRegisterCountries(platformAdmin)).not.toThrow();
    for (const caller of [agencyAdmin, professional, partner]) {
      expect(() => assertMayManageAgencies(caller)).toThrow(forbidden);
      expect(() => assertMayRegisterCountries(caller)).toThrow(forbidden);
    }
  });

  it('lets an agency admin manage the people of their own agency only; a platform admin anyone', () => {
    expect(() => assertMayManagePeopleOf(agencyAdmin, AGENCY)).not.toThrow();
    expect(() => assertMayManagePeopleOf(agencyAdmin, OTHER_AGENCY)).toThrow(forbidden);
    expect(() => assertMayManagePeopleOf(professional, AGENCY)).toThrow(forbidden);
    expect(() => assertMayManagePeopleOf(platformAdmin, OTHER_AGENCY)).not.toThrow();
    expect(mayManageAnyoneIn(agencyAdmin, AGENCY)).toBe(true);
    expect(mayManageAnyoneIn(agencyAdmin, OTHER_AGENCY)).toBe(false);
    expect(mayManageAnyoneIn(agencyAdmin, undefined)).toBe(false);
    expect(mayManageAnyoneIn(professional, AGENCY)).toBe(false);
    expect(mayManageAnyoneIn(platformAdmin, undefined)).toBe(true);
  });

  it('lets an agency admin name contacts for their agency’s own country only; a platform admin for any', () => {
    const serbian = { id: AGENCY, country: 'RS' };
    expect(() => assertMayNameContactsFor(agencyAdmin, serbian, 'RS')).not.toThrow();
    expect(() => assertMayNameContactsFor(agencyAdmin, serbian, 'BG')).toThrow(forbidden);
    expect(() => assertMayNameContactsFor(agencyAdmin, { id: OTHER_AGENCY, country: 'RS' }, 'RS')).toThrow(forbidden);
    expect(() => assertMayNameContactsFor(platformAdmin, serbian, 'BG')).not.toThrow();
  });
});
