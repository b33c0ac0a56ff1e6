import { isDomainError } from '@cpx/platform';
import type { Principal } from '@cpx/platform';
import { alertVisibility, type AlertCaller } from './caller';
import { assertAllowed, assertMayFollowLive, canCancel, canReportFound, canResolve, canTakePart, type AlertAction, type Relation } from './alert-policy';

function refusal(action: AlertAction, relation: Relation): { code: string; message: string } {
  try {
    assertAllowed(false, action, relation);
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('assertAllowed let a refusal through');
}

describe('assertAllowed', () => {
  it('lets an allowed caller through', () => {
    expect(() => assertAllowed(true, 'cancel', 'none')).not.toThrow();
  });

  it('tells a caller with no part in the alert only that it was not sent to them', () => {
    for (const action of ['see', 'acknowledge', 'cancel', 'readIdentity', 'seeIdentityReads'] as const) {
      expect(refusal(action, 'none')).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/: it was not sent to you or your agency\.$/) });
    }
  });

  it('tells a party to the alert the rule that refuses them, never that it was not sent to them', () => {
    expect(refusal('cancel', 'recipient').message).toBe('You may not cancel this alert: only the originating agency cancels it.');
    expect(refusal('acknowledge', 'originator').message).toMatch(/only its recipients in the target countries/);
    expect(refusal('readIdentity', 'attache').message).toMatch(/only once the originating agency has granted it/);
    expect(refusal('grantIdentity', 'recipient-admin').message).toMatch(/only the originating agency grants access/);
    expect(refusal('seeIdentityReads', 'recipient').message).toMatch(/only the originating agency and auditors/);
    expect(refusal('update', 'attache').message).toMatch(/only the originating agency and the recipients/);
    for (const relation of ['originator', 'recipient', 'recipient-admin', 'attache'] as const) {
      for (const action of ['acknowledge', 'update', 'resolve', 'cancel', 'readIdentity', 'grantIdentity', 'seeIdentityReads'] as const) {
        expect(refusal(action, relation)).toEqual({ code: 'FORBIDDEN', message: expect.not.stringMatching(/not sent to you/) });
      }
    }
  });
});

describe('assertMayFollowLive', () => {
  const agency = { id: 'agency-1', country: 'RS', type: 'CHILD_PROTECTION_AUTHORITY' };
  const caller = (roles: Principal['roles'], status?: string): AlertCaller => ({
    principal: { subject: 'user-1', roles, agencyId: 'agency-1', country: 'RS' },
    professional: status ? { id: 'p-1', agencyId: 'agency-1', subject: 'user-1', status } : null,
    agency: status ? agency : null,
  });

  it('lets verified professionals, agency admins and attachés follow alerts live', () => {
    expect(() => assertMayFollowLive(caller(['professional'], 'VERIFIED'))).not.toThrow();
    expect(() => assertMayFollowLive(caller(['agency_admin', 'professional'], 'VERIFIED'))).not.toThrow();
    expect(() => assertMayFollowLive(caller(['curator']))).not.toThrow();
  });

  it('refuses an unverified professional, one with no record, and the roles no change is addressed to', () => {
    for (const refused of [caller(['professional'], 'INVITED'), caller(['professional']), caller(['partner']), caller(['auditor']), caller(['platform_admin'])]) {
      expect(() => assertMayFollowLive(refused)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });
});

describe('who ends an alert, and who reports the child found', () => {
  const relations: Relation[] = ['originator', 'recipient', 'recipient-admin', 'attache', 'none'];
  const allowed = (rule: (relation: Relation) => boolean) => relations.filter(rule);

  it('lets only the originating agency resolve or cancel; the target countries report the child found and take part', () => {
    expect(allowed(canResolve)).toEqual(['originator']);
    expect(allowed(canCancel)).toEqual(['originator']);
    expect(allowed(canReportFound)).toEqual(['recipient', 'recipient-admin']);
    expect(allowed(canTakePart)).toEqual(['originator', 'recipient', 'recipient-admin']);
  });

  it('tells a target country that would resolve how to report the child found instead', () => {
    expect(refusal('resolve', 'recipient').message).toBe(
      'You may not resolve this alert: only the originating agency resolves it; a target country reports the child found (reportChildFound).',
    );
  });
});

describe('which alerts a list shows (alertVisibility)', () => {
  const agency = { id: 'agency-1', country: 'RS', type: 'POLICE' };
  const caller = (roles: Principal['roles'], status?: string): AlertCaller => ({
    principal: { subject: 'user-1', roles, agencyId: 'agency-1', country: 'RS' },
    professional: status ? { id: 'p-1', agencyId: 'agency-1', subject: 'user-1', status } : null,
    agency: status ? agency : null,
  });

  it('shows attachés every alert', () => {
    expect(alertVisibility(caller(['curator']))).toEqual({ kind: 'all' });
  });

  it('shows a verified professional the alerts of their agency and those sent to them; an agency admin also those sent to the agency', () => {
    expect(alertVisibility(caller(['professional'], 'VERIFIED'))).toEqual({ kind: 'parties', agencyId: 'agency-1', subject: 'user-1', asAgencyAdmin: false });
    expect(alertVisibility(caller(['agency_admin'], 'VERIFIED'))).toMatchObject({ kind: 'parties', asAgencyAdmin: true });
  });

  it('shows nothing to an unverified professional, one with no record, or a role alerts are not for', () => {
    for (const none of [caller(['professional'], 'INVITED'), caller(['professional']), caller(['partner']), caller(['auditor'])]) {
      expect(alertVisibility(none)).toEqual({ kind: 'none' });
    }
  });
});
