import { isDomainError } from '@cpx/platform';
import { BEFORE_BIRTH, bornAfter, checkReportedTime, CLOCK_SKEW_MS } from './reported-time';

const NOW = new Date('2026-05-31T12:00:00Z');

function refusal(at: Date, earliest = new Date('2020-01-01T00:00:00Z')) {
  try {
    checkReportedTime(at, 'input.sighting.seenAt', { now: NOW, earliest, earliestIs: BEFORE_BIRTH });
    return undefined;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
}

describe('a time a caller reports', () => {
  it('takes one in the past, or ahead of our clock by no more than the allowed skew', () => {
    expect(refusal(new Date('2026-05-30T08:00:00Z'))).toBeUndefined();
    expect(refusal(new Date(NOW.getTime() + CLOCK_SKEW_MS))).toBeUndefined();
  });

  it('refuses one further in the future, naming the field', () => {
    expect(refusal(new Date(NOW.getTime() + CLOCK_SKEW_MS + 1))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.sighting.seenAt',
      message: 'input.sighting.seenAt is in the future.',
    });
  });

  it('refuses one before the earliest time that makes sense, saying what that is', () => {
    expect(refusal(new Date('2019-12-31T23:59:59Z'))?.message).toBe(`input.sighting.seenAt is before ${BEFORE_BIRTH}.`);
  });

  it('refuses a time that is no time at all', () => {
    expect(refusal(new Date(Number.NaN))?.message).toBe('input.sighting.seenAt is not a valid time.');
  });
});

describe('bornAfter', () => {
  it('is 18 years before: a child under 18 then was born after it', () => {
    expect(bornAfter(new Date('2026-05-31T12:00:00Z'))).toEqual(new Date('2008-05-31T12:00:00Z'));
  });
});
