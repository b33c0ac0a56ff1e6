import { randomUUID } from 'node:crypto';
import { chainEntry, GENESIS_HASH, type AuditAction, type AuditDetails, type AuditEntry } from '../../audit/domain/audit-chain';
import { grantHistory, identityReadOf } from './identity-history';

const ALERT = randomUUID();
const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 9, minute));

function entries(steps: [AuditAction, string, AuditDetails][]): AuditEntry[] {
  return steps.map(([action, actorSubject, details], index) =>
    chainEntry({ seq: String(index + 1), at: at(index), actorSubject, alertId: ALERT, action, details }, GENESIS_HASH, null),
  );
}

describe('the grant history, from the log', () => {
  it('keeps grant -> revoke -> grant as two grants, the first revoked, each with its own reason and time', () => {
    const grants = grantHistory(
      entries([
        ['IDENTITY_GRANTED', 'pro-rs', { granteeSubject: 'attache-1', reason: 'Coordinating the search' }],
        ['IDENTITY_REVOKED', 'pro-rs-2', { granteeSubject: 'attache-1' }],
        ['IDENTITY_GRANTED', 'pro-rs', { granteeSubject: 'attache-1', reason: 'The search started again' }],
      ]),
    );
    expect(grants).toEqual([
      { alertId: ALERT, granteeSubject: 'attache-1', grantedBySubject: 'pro-rs', reason: 'Coordinating the search', grantedAt: at(0), revokedAt: at(1), revokedBySubject: 'pro-rs-2' },
      { alertId: ALERT, granteeSubject: 'attache-1', grantedBySubject: 'pro-rs', reason: 'The search started again', grantedAt: at(2), revokedAt: null, revokedBySubject: null },
    ]);
  });

  it('closes only the revoked attaché’s open grants, and leaves earlier revocations as they were', () => {
    const grants = grantHistory(
      entries([
        ['IDENTITY_GRANTED', 'pro-rs', { granteeSubject: 'attache-1', reason: 'First reason given' }],
        ['IDENTITY_GRANTED', 'pro-rs', { granteeSubject: 'attache-2', reason: 'Second reason given' }],
        ['IDENTITY_REVOKED', 'pro-rs', { granteeSubject: 'attache-1' }],
        ['IDENTITY_REVOKED', 'pro-rs', { granteeSubject: 'attache-1' }],
      ]),
    );
    expect(grants.map((grant) => [grant.granteeSubject, grant.revokedAt])).toEqual([
      ['attache-1', at(2)],
      ['attache-2', null],
    ]);
  });

  it('ignores entries that are not grants or revocations', () => {
    expect(grantHistory(entries([['IDENTITY_READ', 'pro-fr', { purpose: 'Matching a child found', readerAgencyId: null, readerCountry: 'FR' }]]))).toEqual([]);
  });
});

describe('an identity read, from the log', () => {
  it('is who read, from which agency and country, why and when', () => {
    const [entry] = entries([['IDENTITY_READ', 'pro-fr', { purpose: 'Matching a child found', readerAgencyId: 'agency-fr', readerCountry: 'FR' }]]);
    expect(identityReadOf(entry!)).toEqual({ alertId: ALERT, readerSubject: 'pro-fr', readerAgencyId: 'agency-fr', readerCountry: 'FR', purpose: 'Matching a child found', readAt: at(0) });
  });
});
