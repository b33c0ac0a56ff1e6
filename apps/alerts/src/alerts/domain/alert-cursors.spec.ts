import { randomUUID } from 'node:crypto';
import { encodeCursor } from '@cpx/platform';
import { refusalOf } from '../../../test/refusal-of';
import { alertCursor, alertKeyOf } from './alert-cursors';

describe('alert list cursors', () => {
  const key = { at: new Date('2026-05-31T08:15:00.123Z'), id: randomUUID() };

  it('gives back the key it was made of, for its own list', () => {
    expect(alertKeyOf('alerts', alertCursor('alerts', key))).toEqual(key);
    expect(alertKeyOf('inbox', alertCursor('inbox', key))).toEqual(key);
    expect(alertKeyOf('alerts', undefined)).toBeUndefined();
    expect(alertKeyOf('alerts', '')).toBeUndefined();
  });

  it.each([
    ['the other list’s cursor', alertCursor('inbox', key)],
    ['an untagged cursor', encodeCursor([key.at.toISOString(), key.id])],
    ['a time that is not a time', encodeCursor(['alerts', 'yesterday', key.id])],
    ['a time that does not exist', encodeCursor(['alerts', '2026-02-30T00:00:00.000Z', key.id])],
    ['a time without its zone', encodeCursor(['alerts', '2026-05-31T08:15:00', key.id])],
    ['a time as a number', encodeCursor(['alerts', key.at.getTime(), key.id])],
    ['an id that is not a UUID', encodeCursor(['alerts', key.at.toISOString(), "1' OR '1'='1"])],
    ['a part too many', encodeCursor(['alerts', key.at.toISOString(), key.id, 'x'])],
    ['a part too few', encodeCursor(['alerts', key.at.toISOString()])],
    ['something that is not a cursor at all', 'not-base64-json'],
  ])('refuses %s as BAD_USER_INPUT on `after`', async (_case, cursor) => {
    expect(await refusalOf(() => alertKeyOf('alerts', cursor))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
