import { Logger } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { audience, ORIGIN_AGENCY_ID } from '../testing/alert-factories';
import type { AlertChangeObject } from '../types/alert-change.type';
import { AlertChanges, MAX_BUFFERED } from './alert-changes';

// The warnings are the point of some tests, not worth printing.
Logger.overrideLogger(false);

const originMember: Principal = { subject: 'origin', roles: ['professional'], country: 'RS', agencyId: ORIGIN_AGENCY_ID };
const stranger: Principal = { subject: 'stranger', roles: ['professional'], country: 'BG', agencyId: 'bg-agency' };

function change(version: number): AlertChangeObject {
  return {
    type: 'POSTED',
    alertId: 'a1',
    kind: 'MISSING_CHILD',
    urgency: 'HIGH',
    status: 'POSTED',
    originCountry: 'RS',
    targetCountries: ['HR'],
    version,
    occurredAt: new Date(0),
    country: null,
    level: null,
    unroutedCountries: [],
  };
}

describe('AlertChanges: the in-process fan-out', () => {
  it('delivers each change to the subscribers in its audience only, in order', async () => {
    const changes = new AlertChanges();
    const mine = changes.listen(originMember);
    const theirs = changes.listen(stranger);
    changes.publish({ change: change(1), audience: audience() });
    changes.publish({ change: change(2), audience: audience({ memberAgencyIds: ['bg-agency'] }) });
    changes.publish({ change: change(3), audience: audience() });
    expect((await mine.next()).value?.version).toBe(1);
    expect((await mine.next()).value?.version).toBe(3);
    expect((await theirs.next()).value?.version).toBe(2);
    await mine.return?.();
    await theirs.return?.();
    expect(changes.listenerCount).toBe(0);
  });

  it('a waiting subscriber is woken by the next change, and ends when it unsubscribes', async () => {
    const changes = new AlertChanges();
    const stream = changes.listen(originMember);
    const waiting = stream.next();
    changes.publish({ change: change(7), audience: audience() });
    expect(await waiting).toEqual({ value: change(7), done: false });
    const pending = stream.next();
    await stream.return?.();
    expect(await pending).toEqual({ value: undefined, done: true });
    changes.publish({ change: change(8), audience: audience() });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends the subscription when the token expires', async () => {
    jest.useFakeTimers();
    try {
      const changes = new AlertChanges();
      const stream = changes.listen(originMember, { until: Date.now() + 60_000 });
      const pending = stream.next();
      jest.advanceTimersByTime(60_001);
      expect(await pending).toEqual({ value: undefined, done: true });
      expect(changes.listenerCount).toBe(0);
      expect(await changes.listen(originMember, { until: Date.now() - 1 }).next()).toEqual({ value: undefined, done: true });
      expect(changes.listenerCount).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('asks again while it runs and ends once the subscriber is no longer allowed, not on an outage', async () => {
    jest.useFakeTimers();
    try {
      const changes = new AlertChanges();
      const answers: (boolean | Error)[] = [true, new Error('alerts service unavailable'), false];
      let asked = 0;
      const stillAllowed = async () => {
        const answer = answers[asked++];
        if (answer instanceof Error) throw answer;
        return answer!;
      };
      const stream = changes.listen(originMember, { recheck: { everyMs: 1_000, stillAllowed } });
      const pending = stream.next();
      for (let second = 1; second <= 2; second += 1) {
        await jest.advanceTimersByTimeAsync(1_000);
        expect(asked).toBe(second);
        expect(changes.listenerCount).toBe(1);
      }
      changes.publish({ change: change(1), audience: audience() });
      expect((await pending).value?.version).toBe(1);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(asked).toBe(3);
      expect(await stream.next()).toEqual({ value: undefined, done: true });
      expect(changes.listenerCount).toBe(0);
      await jest.advanceTimersByTimeAsync(5_000);
      expect(asked).toBe(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps at most MAX_BUFFERED changes for a slow reader, dropping the oldest', async () => {
    const changes = new AlertChanges();
    const stream = changes.listen(originMember);
    for (let version = 1; version <= MAX_BUFFERED + 10; version += 1) changes.publish({ change: change(version), audience: audience() });
    expect((await stream.next()).value?.version).toBe(11);
    await stream.return?.();
  });
});
