import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { AlertsRequests, Outcome } from '@cpx/contracts';
import { refusalOf } from '../../test/refusal-of';
import { EndAlertCommand } from './end-alert.command';

describe('ending an alert: the input', () => {
  const id = randomUUID();

  it('resolves with an outcome and a note, at the version the caller saw', () => {
    const request = create(AlertsRequests.resolveAlert.request, { id, outcome: Outcome.FOUND_SAFE, note: 'Back with the family.', expectedVersion: 3n });
    expect(EndAlertCommand.fromResolve(request)).toMatchObject({ id, ending: { kind: 'resolve', outcome: 'FOUND_SAFE', note: 'Back with the family.' }, expectedVersion: 3 });
  });

  it('refuses a resolution without a known outcome, or with a note too long, naming the field', async () => {
    expect(await refusalOf(() => EndAlertCommand.fromResolve(create(AlertsRequests.resolveAlert.request, { id })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'outcome' });
    const long = create(AlertsRequests.resolveAlert.request, { id, outcome: Outcome.FOUND_SAFE, note: 'x'.repeat(2_001) });
    expect(await refusalOf(() => EndAlertCommand.fromResolve(long))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
  });

  it('cancels with a reason, and refuses one too long', async () => {
    expect(EndAlertCommand.fromCancel(create(AlertsRequests.cancelAlert.request, { id, reason: 'Posted twice.' }))).toMatchObject({
      ending: { kind: 'cancel', reason: 'Posted twice.' },
      expectedVersion: undefined,
    });
    const long = create(AlertsRequests.cancelAlert.request, { id, reason: 'x'.repeat(2_001) });
    expect(await refusalOf(() => EndAlertCommand.fromCancel(long))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
  });
});
