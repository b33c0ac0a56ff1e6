import { Deliveries, wallClock } from './deliveries';

describe('Deliveries: pairs sends with arrivals by id', () => {
  it('times each message from send to arrival, in whichever order they are noted', () => {
    const deliveries = new Deliveries();
    deliveries.noteSent('a', 100);
    deliveries.noteArrived('a', { at: 130 });
    deliveries.noteArrived('b', { at: 260 }); // before its sender read the reply naming it
    deliveries.noteSent('b', 200);
    deliveries.noteSent('c', 300);
    deliveries.noteArrived('unrelated', { at: 310 });
    expect(deliveries.figures()).toEqual({ latencies: [30, 60], sentAt: [100, 200], lastArrivalAt: 260, missing: 1, toStamp: [], fromStamp: [] });
    expect(deliveries.outstanding()).toBe(1);
  });

  it('orders the figures by send time, whatever order the sends were noted in', () => {
    const deliveries = new Deliveries();
    deliveries.noteSent('late reply', 100);
    deliveries.noteSent('early reply', 50);
    deliveries.noteArrived('late reply', { at: 400 });
    deliveries.noteArrived('early reply', { at: 60 });
    expect(deliveries.figures()).toMatchObject({ latencies: [10, 300], sentAt: [50, 100], lastArrivalAt: 400 });
  });

  it('times a repeated arrival by its first', () => {
    const deliveries = new Deliveries();
    deliveries.noteSent('a', 100);
    deliveries.noteArrived('a', { at: 110 });
    deliveries.noteArrived('a', { at: 500 });
    expect(deliveries.figures().latencies).toEqual([10]);
  });

  it('splits the latency at the stamp the platform put on the message', () => {
    const deliveries = new Deliveries();
    deliveries.noteSent('a', 1_000);
    deliveries.noteArrived('a', { at: 1_050, stampedAt: wallClock(1_020) });
    const { toStamp, fromStamp } = deliveries.figures();
    expect(toStamp[0]).toBeCloseTo(20);
    expect(fromStamp[0]).toBeCloseTo(30);
  });

  it('waits for an arrival, or gives up after the timeout', async () => {
    const deliveries = new Deliveries();
    const waiting = deliveries.arrival('a', 1_000);
    deliveries.noteArrived('a', { at: 5 });
    await expect(waiting).resolves.toEqual({ at: 5 });
    await expect(deliveries.arrival('a', 1)).resolves.toEqual({ at: 5 });
    await expect(deliveries.arrival('b', 1)).rejects.toThrow('b did not arrive within 1 ms');
  });
});
