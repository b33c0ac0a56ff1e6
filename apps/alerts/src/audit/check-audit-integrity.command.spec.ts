import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { AlertsRequests } from '@cpx/contracts';
import { refusalOf } from '../../test/refusal-of';
import { CheckAuditIntegrityCommand } from './check-audit-integrity.command';

const request = (fields: { alertId?: string; fromSeq?: bigint; fromHash?: Uint8Array }) => create(AlertsRequests.checkAuditIntegrity.request, fields);

describe('an integrity check’s input', () => {
  it('is the whole log, one alert, or the log from a kept head', () => {
    const alertId = randomUUID();
    const hash = new Uint8Array(32).fill(7);
    expect(CheckAuditIntegrityCommand.from(request({}))).toMatchObject({ alertId: undefined, from: undefined });
    expect(CheckAuditIntegrityCommand.from(request({ alertId }))).toMatchObject({ alertId });
    expect(CheckAuditIntegrityCommand.from(request({ fromSeq: 12n, fromHash: hash }))).toMatchObject({ from: { seq: '12', hash: Buffer.from(hash) } });
  });

  it('refuses half a kept head, or a hash that is not SHA-256, naming the field', async () => {
    expect(await refusalOf(() => CheckAuditIntegrityCommand.from(request({ fromSeq: 12n })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromSeq' });
    expect(await refusalOf(() => CheckAuditIntegrityCommand.from(request({ fromHash: new Uint8Array(32) })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromSeq' });
    expect(await refusalOf(() => CheckAuditIntegrityCommand.from(request({ fromSeq: 12n, fromHash: new Uint8Array(16) })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fromHash',
    });
  });
});
