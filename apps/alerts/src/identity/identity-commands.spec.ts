import { randomUUID } from 'node:crypto';
import { refusalOf } from '../../test/refusal-of';
import { GrantIdentityAccessCommand } from './grant-identity-access.command';
import { RevealAlertIdentityCommand } from './reveal-alert-identity.command';
import { RevokeIdentityAccessCommand } from './revoke-identity-access.command';

const id = randomUUID();

describe('the identity’s commands', () => {
  it('take a purpose or reason of 10 to 500 characters, in NFC without surrounding space', async () => {
    expect(RevealAlertIdentityCommand.from({ id, purpose: '  Matching a child found in Lyon \n' }).purpose).toBe('Matching a child found in Lyon');
    expect(await refusalOf(() => RevealAlertIdentityCommand.from({ id, purpose: 'Because.' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'purpose' });
    expect(await refusalOf(() => GrantIdentityAccessCommand.from({ id, granteeSubject: 'attache-1', reason: 'x'.repeat(501) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
  });

  it('name the attaché of a grant or revocation', async () => {
    expect(GrantIdentityAccessCommand.from({ id, granteeSubject: 'attache-1', reason: 'Coordinating the search' })).toMatchObject({ granteeSubject: 'attache-1' });
    for (const granteeSubject of ['', 'x'.repeat(256)]) {
      expect(await refusalOf(() => RevokeIdentityAccessCommand.from({ id, granteeSubject }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'granteeSubject' });
    }
  });
});
