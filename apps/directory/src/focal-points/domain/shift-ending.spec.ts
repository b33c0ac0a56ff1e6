import { endingOf } from './shift-ending';

const NOW = new Date('2025-06-01T10:00:00Z');
const hours = (count: number) => new Date(NOW.getTime() + count * 3_600_000);

describe('ending an on-duty shift', () => {
  it('ends a running shift now', () => {
    expect(endingOf({ startsAt: hours(-2), endsAt: hours(24 * 30) }, NOW)).toEqual(NOW);
  });

  it('cancels a shift that has not begun: it ends where it starts, and never takes effect', () => {
    expect(endingOf({ startsAt: hours(5), endsAt: hours(10) }, NOW)).toEqual(hours(5));
  });

  it('has nothing to end in a shift already over: ran out, ended, or cancelled before', () => {
    expect(endingOf({ startsAt: hours(-10), endsAt: hours(-1) }, NOW)).toBeUndefined();
    expect(endingOf({ startsAt: hours(-10), endsAt: NOW }, NOW)).toBeUndefined();
    // Ended a moment ago, asked again now: the earlier end stands.
    expect(endingOf({ startsAt: hours(-10), endsAt: hours(-0.01) }, NOW)).toBeUndefined();
    // Cancelled: an empty window, still in the future.
    expect(endingOf({ startsAt: hours(5), endsAt: hours(5) }, NOW)).toBeUndefined();
  });
});
