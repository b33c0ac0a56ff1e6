import { refusalOf } from '../../test/refusal-of';
import { checkChildRecord } from './child-record';

const NOW = new Date('2026-05-31T12:00:00Z');
const HOUR = 3_600_000;

function check(child: { dateOfBirth?: string; lastKnownAt?: Date }) {
  return () =>
    checkChildRecord(
      { estimatedAge: child.dateOfBirth ? undefined : { minYears: 12, maxYears: 14 }, photo: new Uint8Array(), photoContentType: '', ...child },
      NOW,
      2_000_000,
    );
}

describe('the child’s last-known time', () => {
  it('takes a time in the past, or a few minutes ahead (clocks differ)', () => {
    expect(check({ lastKnownAt: new Date(NOW.getTime() - 48 * HOUR) })).not.toThrow();
    expect(check({ lastKnownAt: new Date(NOW.getTime() + 60_000) })).not.toThrow();
    expect(check({ dateOfBirth: '2014-05-31', lastKnownAt: new Date('2014-05-31T06:00:00Z') })).not.toThrow();
    expect(check({})).not.toThrow();
  });

  it.each([
    ['a time an hour ahead', { lastKnownAt: new Date(NOW.getTime() + HOUR) }, /is in the future/],
    ['a time in the year 3000', { lastKnownAt: new Date('3000-01-01T00:00:00Z') }, /is in the future/],
    ['an invalid time', { lastKnownAt: new Date(Number.NaN) }, /is not a valid time/],
    ['a time before the date of birth', { dateOfBirth: '2014-05-31', lastKnownAt: new Date('2014-05-29T00:00:00Z') }, /before the child’s date of birth/],
    ['a time 19 years ago, with only an age range known', { lastKnownAt: new Date('2007-05-31T00:00:00Z') }, /before the child was born/],
    ['a time in the year 1', { lastKnownAt: new Date('0001-01-01T00:00:00Z') }, /before the child was born/],
  ])('refuses %s, naming input.child.lastKnownAt', async (_case, child, message) => {
    expect(await refusalOf(check(child))).toEqual({ code: 'BAD_USER_INPUT', field: 'input.child.lastKnownAt', message: expect.stringMatching(message) });
  });
});
