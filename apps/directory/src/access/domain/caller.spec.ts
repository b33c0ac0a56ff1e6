import type { Principal } from '@cpx/platform';
import { callerFrom, type CallerRecord } from './caller';
import { assertMayReadPeople } from './directory-policy';

const AGENCY = '11111111-1111-4111-8111-111111111111';
const OTHER_AGENCY = '22222222-2222-4222-8222-222222222222';

function row(overrides: Partial<CallerRecord> = {}) {
  return {
    id: '33333333-3333-4333-8333-333333333333',
    agencyId: AGENCY,
    givenName: 'Ana',
    familyName: 'Petrović',
    searchText: 'ana petrovic',
    role: 'SOCIAL_WORKER',
    languages: ['sr-Latn'],
    expertise: [],
    expertiseKeys: [],
    contacts: [],
    status: 'VERIFIED',
    subject: 'user-1',
    suspensionReason: '',
    createdAt: new Date(),
    updatedAt: new Date(),
    version: 1,
    ...overrides,
  };
}

const professional = (agencyId?: string): Principal => ({ subject: 'user-1', roles: ['professional'], agencyId, country: 'RS' });
const platformAdmin: Principal = { subject: 'user-1', roles: ['platform_admin'] };

describe('the caller behind a token', () => {
  it('is the record bound to their subject when the token vouches for its agency', () => {
    const caller = callerFrom(professional(AGENCY), row());
    expect(caller.professional?.id).toBe(row().id);
    expect(() => assertMayReadPeople(caller)).not.toThrow();
  });

  it('is refused everything once that record is suspended', () => {
    expect(() => callerFrom(professional(AGENCY), row({ status: 'SUSPENDED' }))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  // An agency admin types a subject when inviting someone; binding another agency's user
  // (or a platform admin) to a record of their own, then suspending it, must not lock
  // that person out, nor make them a member of the admin's agency.
  it('ignores a record of another agency bound to their subject, suspended or not', () => {
    for (const status of ['SUSPENDED', 'INVITED', 'VERIFIED']) {
      expect(callerFrom(professional(OTHER_AGENCY), row({ status })).professional).toBeNull();
      expect(callerFrom(platformAdmin, row({ status })).professional).toBeNull();
    }
    expect(() => assertMayReadPeople(callerFrom(platformAdmin, row({ status: 'SUSPENDED' })))).not.toThrow();
  });

  it('lets no professional without a verified record of their own read people', () => {
    expect(() => assertMayReadPeople(callerFrom(professional(AGENCY), null))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('not registered') }),
    );
    expect(() => assertMayReadPeople(callerFrom(professional(OTHER_AGENCY), row()))).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => assertMayReadPeople(callerFrom(professional(AGENCY), row({ status: 'INVITED' })))).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('not been verified') }),
    );
  });

  it('lets curators, auditors and platform admins read people without a record', () => {
    for (const role of ['curator', 'auditor', 'platform_admin'] as const) {
      expect(() => assertMayReadPeople(callerFrom({ subject: 's', roles: [role] }, null))).not.toThrow();
    }
  });
});
