import { randomUUID } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsRequests } from '@cpx/contracts';
import { refusalOf } from '../../test/refusal-of';
import { AddAlertUpdateCommand } from './add-alert-update.command';

const request = (fields: { text?: string; sighting?: { place: string; seenAt?: Date } }) =>
  create(AlertsRequests.addAlertUpdate.request, {
    id: randomUUID(),
    text: fields.text ?? '',
    sighting: fields.sighting && { place: fields.sighting.place, seenAt: fields.sighting.seenAt && timestampFromDate(fields.sighting.seenAt) },
  });

describe('an update’s input', () => {
  it('takes a text, a sighting, or both', () => {
    const seenAt = new Date('2026-05-30T08:00:00Z');
    expect(AddAlertUpdateCommand.from(request({ text: 'Shelter informed.' }))).toMatchObject({ text: 'Shelter informed.', sighting: undefined });
    expect(AddAlertUpdateCommand.from(request({ sighting: { place: 'Lyon Part-Dieu', seenAt } }))).toMatchObject({ sighting: { place: 'Lyon Part-Dieu', seenAt } });
  });

  it('refuses neither text nor sighting, a text too long, and a blank or long place, naming the field', async () => {
    expect(await refusalOf(() => AddAlertUpdateCommand.from(request({ text: '  ' })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.text',
      message: 'input.text: write something, or give a sighting.',
    });
    expect(await refusalOf(() => AddAlertUpdateCommand.from(request({ text: 'x'.repeat(10_001) })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    for (const place of [' ', 'x'.repeat(501)]) {
      expect(await refusalOf(() => AddAlertUpdateCommand.from(request({ text: 'Seen.', sighting: { place } })))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.sighting.place',
      });
    }
  });

  it('refuses an id CPX did not issue', async () => {
    expect(await refusalOf(() => AddAlertUpdateCommand.from({ ...request({ text: 'Seen.' }), id: 'not-an-id' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
