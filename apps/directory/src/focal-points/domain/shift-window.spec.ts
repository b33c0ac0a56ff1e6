import { MAX_SHIFT_MS, shiftWindowProblem } from './shift-window';

const NOW = new Date('2025-06-01T10:00:00Z');
const hours = (count: number) => new Date(NOW.getTime() + count * 3_600_000);

describe('scheduling an on-duty window', () => {
  it('takes a window that ends after it starts, in the future, up to 31 days long', () => {
    expect(shiftWindowProblem({ startsAt: hours(-1), endsAt: hours(8) }, NOW)).toBeUndefined();
    expect(shiftWindowProblem({ startsAt: hours(1), endsAt: new Date(hours(1).getTime() + MAX_SHIFT_MS) }, NOW)).toBeUndefined();
  });

  it('refuses an empty or reversed window', () => {
    expect(shiftWindowProblem({ startsAt: hours(2), endsAt: hours(2) }, NOW)).toBe('A shift must end after it starts.');
    expect(shiftWindowProblem({ startsAt: hours(3), endsAt: hours(2) }, NOW)).toBe('A shift must end after it starts.');
  });

  it('refuses a window longer than 31 days', () => {
    expect(shiftWindowProblem({ startsAt: hours(1), endsAt: new Date(hours(1).getTime() + MAX_SHIFT_MS + 1) }, NOW)).toBe(
      'A shift lasts at most 31 days.',
    );
  });

  it('refuses a window already over, up to and including now', () => {
    expect(shiftWindowProblem({ startsAt: hours(-5), endsAt: hours(-1) }, NOW)).toBe('The shift is already over.');
    expect(shiftWindowProblem({ startsAt: hours(-5), endsAt: NOW }, NOW)).toBe('The shift is already over.');
  });
});
