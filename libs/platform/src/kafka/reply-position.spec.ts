import { ReplyPosition, type ReplyConsumer } from './reply-position';

type Listener = Parameters<ReplyConsumer['on']>[1];

function fakeConsumer(failures = 0) {
  let listener: Listener | undefined;
  const commits: { topic: string; partition: number; offset: string }[][] = [];
  let refusals = failures;
  const consumer: ReplyConsumer = {
    events: { END_BATCH_PROCESS: 'consumer.end_batch_process' },
    on(event, callback) {
      expect(event).toBe('consumer.end_batch_process');
      listener = callback;
      return () => (listener = undefined);
    },
    async commitOffsets(offsets) {
      if (refusals > 0) {
        refusals -= 1;
        throw new Error('The group is rebalancing');
      }
      commits.push(offsets);
    },
  };
  const batch = (topic: string, partition: number, lastOffset: string) => listener?.({ payload: { topic, partition, lastOffset } });
  return { consumer, commits, batch, listening: () => listener !== undefined };
}

describe('ReplyPosition', () => {
  it('commits the next offset to read, once per turn, only when replies were read', async () => {
    const { consumer, commits, batch } = fakeConsumer();
    const position = new ReplyPosition(consumer, 60_000);
    await position.commit();
    expect(commits).toEqual([]);
    batch('cpx.gateway.v1.replies', 0, '41');
    batch('cpx.gateway.v1.replies', 0, '42');
    await position.commit();
    expect(commits).toEqual([[{ topic: 'cpx.gateway.v1.replies', partition: 0, offset: '43' }]]);
    await position.commit();
    expect(commits).toHaveLength(1);
    position.stop();
  });

  it('keeps a refused position for the next turn, unless a newer one came meanwhile', async () => {
    const { consumer, commits, batch } = fakeConsumer(1);
    const position = new ReplyPosition(consumer, 60_000);
    batch('cpx.gateway.v1.replies', 0, '9');
    await position.commit(); // refused: the group is rebalancing
    await position.commit();
    expect(commits).toEqual([[{ topic: 'cpx.gateway.v1.replies', partition: 0, offset: '10' }]]);
    position.stop();
  });

  it('commits on its own every interval, and stops listening when stopped', async () => {
    jest.useFakeTimers();
    try {
      const { consumer, commits, batch, listening } = fakeConsumer();
      const position = new ReplyPosition(consumer, 1_000);
      batch('cpx.tools.v1.replies', 0, '7');
      await jest.advanceTimersByTimeAsync(1_000);
      expect(commits).toEqual([[{ topic: 'cpx.tools.v1.replies', partition: 0, offset: '8' }]]);
      position.stop();
      expect(listening()).toBe(false);
      batch('cpx.tools.v1.replies', 0, '8');
      await jest.advanceTimersByTimeAsync(5_000);
      expect(commits).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
