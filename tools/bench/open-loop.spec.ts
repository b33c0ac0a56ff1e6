import { runOpenLoop } from './open-loop';

describe('runOpenLoop: sends on a fixed schedule', () => {
  it('offers rate x duration sends and waits for the ones in flight', async () => {
    const sent: number[] = [];
    const outcome = await runOpenLoop(
      async (index) => {
        sent.push(index);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      { ratePerSecond: 500, durationSeconds: 0.05, maxInFlight: 100 },
    );
    expect(sent).toEqual(Array.from({ length: 25 }, (_, index) => index));
    expect(outcome).toMatchObject({ offered: 25, sent: 25, dropped: 0, failed: 0 });
    // 25 sends 2 ms apart: the last is due 48 ms after the first.
    expect(outcome.windowMs).toBeGreaterThanOrEqual(47);
  });

  it('does not wait for replies: sends due while the bound is reached are dropped, not queued', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A sleep that only yields to microtasks: the loop offers all ten sends before any timer
    // can run, so the release below comes after the last one, however busy the machine.
    const microtaskSleep = () => Promise.resolve();
    const loop = runOpenLoop(() => held, { ratePerSecond: 1000, durationSeconds: 0.01, maxInFlight: 3 }, microtaskSleep);
    setTimeout(() => release(), 0);
    expect(await loop).toMatchObject({ offered: 10, sent: 3, dropped: 7 });
  });

  it('counts failed sends and keeps the first error', async () => {
    const outcome = await runOpenLoop(
      async (index) => {
        if (index % 2 === 1) throw new Error(`send ${index} failed`);
      },
      { ratePerSecond: 1000, durationSeconds: 0.004, maxInFlight: 10 },
    );
    expect(outcome).toMatchObject({ offered: 4, sent: 4, failed: 2, firstError: 'send 1 failed' });
  });

  it('catches up when it falls behind, and reports how late the sends went', async () => {
    const sent: number[] = [];
    // A sleep that oversleeps by 20 ms, as a busy event loop would.
    const oversleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms + 20));
    const outcome = await runOpenLoop(async (index) => void sent.push(index), { ratePerSecond: 1000, durationSeconds: 0.01, maxInFlight: 10 }, oversleep);
    expect(sent).toHaveLength(10);
    expect(outcome.lagMs.max).toBeGreaterThanOrEqual(15);
  });

  it('never sends before a send is due, even when its timer fires early', async () => {
    const sentAt: number[] = [];
    // A sleep that wakes 1.5 ms early, as a timer on a busy event loop can.
    const early = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms - 1.5)));
    const outcome = await runOpenLoop(async () => void sentAt.push(performance.now()), { ratePerSecond: 200, durationSeconds: 0.05, maxInFlight: 10 }, early);
    expect(sentAt).toHaveLength(10);
    sentAt.forEach((at, index) => expect(at - outcome.startedAt).toBeGreaterThanOrEqual(index * 5));
  });
});

