import type { Principal, Role } from '@cpx/platform';
import { audience, ORIGIN_AGENCY_ID, RECIPIENT_AGENCY_ID } from '../testing/alert-factories';
import { isInAudience } from './alert-audience';

const OTHER_AGENCY_ID = '9f9f9f9f-0000-4000-8000-000000000000';

function principal(roles: Role[], fields: Partial<Principal> = {}): Principal {
  return { subject: 'someone', roles, country: 'RS', ...fields };
}

describe('isInAudience: who receives a live alert change', () => {
  // The audience of an alert posted by the origin agency to recipient-hr, whose agency is RECIPIENT_AGENCY_ID.
  const everyone = audience({
    memberAgencyIds: [ORIGIN_AGENCY_ID],
    adminAgencyIds: [RECIPIENT_AGENCY_ID],
    subjects: ['recipient-hr'],
    curators: true,
  });
  const nobodyElse = audience({ memberAgencyIds: [], adminAgencyIds: [], subjects: [], curators: false });

  it('a recipient, by subject', () => {
    expect(isInAudience(principal(['professional'], { subject: 'recipient-hr', country: 'HR', agencyId: OTHER_AGENCY_ID }), everyone)).toBe(true);
  });

  it('any member of an originating agency', () => {
    expect(isInAudience(principal(['professional'], { agencyId: ORIGIN_AGENCY_ID }), everyone)).toBe(true);
    expect(isInAudience(principal(['agency_admin'], { agencyId: ORIGIN_AGENCY_ID }), everyone)).toBe(true);
  });

  it("an agency admin of a recipient's agency, but not a plain member of it", () => {
    expect(isInAudience(principal(['agency_admin'], { country: 'HR', agencyId: RECIPIENT_AGENCY_ID }), everyone)).toBe(true);
    expect(isInAudience(principal(['professional'], { country: 'HR', agencyId: RECIPIENT_AGENCY_ID }), everyone)).toBe(false);
  });

  it('curators, only when the audience includes them', () => {
    expect(isInAudience(principal(['curator']), everyone)).toBe(true);
    expect(isInAudience(principal(['curator']), audience({ curators: false }))).toBe(false);
  });

  it('nobody else: partners, platform admins, auditors, an unrelated country', () => {
    expect(isInAudience(principal(['partner'], { partnerId: 'unicef', country: undefined }), everyone)).toBe(false);
    expect(isInAudience(principal(['platform_admin']), everyone)).toBe(false);
    expect(isInAudience(principal(['auditor']), everyone)).toBe(false);
    expect(isInAudience(principal(['professional'], { country: 'BG', agencyId: OTHER_AGENCY_ID }), everyone)).toBe(false);
    expect(isInAudience(principal(['agency_admin'], { country: 'BG', agencyId: OTHER_AGENCY_ID }), everyone)).toBe(false);
    expect(isInAudience(principal([], { subject: 'recipient-hr' }), everyone)).toBe(false);
  });

  it('only professionals and agency admins count as parties, whatever their token names', () => {
    expect(isInAudience(principal(['auditor'], { agencyId: ORIGIN_AGENCY_ID }), everyone)).toBe(false);
    expect(isInAudience(principal(['partner'], { subject: 'recipient-hr' }), everyone)).toBe(false);
    expect(isInAudience(principal(['platform_admin'], { agencyId: RECIPIENT_AGENCY_ID }), everyone)).toBe(false);
  });

  it('a principal without an agency never matches an agency list', () => {
    expect(isInAudience(principal(['agency_admin'], { agencyId: undefined }), audience({ memberAgencyIds: [''], adminAgencyIds: [''], subjects: [], curators: false }))).toBe(false);
  });

  it('an empty audience reaches nobody, not even a curator', () => {
    for (const roles of [['professional'], ['agency_admin'], ['curator'], ['partner'], ['platform_admin'], ['auditor']] as Role[][]) {
      expect(isInAudience(principal(roles, { subject: 'recipient-hr', agencyId: ORIGIN_AGENCY_ID }), nobodyElse)).toBe(false);
    }
  });
});
