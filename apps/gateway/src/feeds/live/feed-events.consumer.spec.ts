import { Logger } from '@nestjs/common';
import { fakeConsumers } from '../../../test/fake-kafka-consumer';
import { FEED_SOURCE_TOPICS, FeedEventsConsumer } from './feed-events.consumer';
import { FeedWakeUps } from './feed-wake-ups';

Logger.overrideLogger(false);

const flush = () => new Promise((resolve) => setImmediate(resolve));

// Its lifecycle (retries, rebuilds, stop) is LiveConsumer's: messaging/live-consumer.spec.ts.
describe('FeedEventsConsumer: the wake-up of live partner feeds', () => {
  it('starts with the first live feed, on the topics the feeds service records, and wakes the feeds on each record', async () => {
    const consumers = fakeConsumers();
    const wakeUps = new FeedWakeUps();
    const notify = jest.spyOn(wakeUps, 'notify');
    const consumer = new FeedEventsConsumer(consumers.create, wakeUps);
    try {
      await flush();
      expect(consumers.created).toHaveLength(0);
      consumer.ensureStarted();
      consumer.ensureStarted();
      await flush();
      expect(consumers.created).toHaveLength(1);
      expect(FEED_SOURCE_TOPICS).toEqual(expect.arrayContaining(['cpx.directory.v1.events', 'cpx.alerts.v1.events']));
      expect(consumers.created[0]?.subscribed).toEqual({ topics: FEED_SOURCE_TOPICS, fromBeginning: false });
      await consumers.created[0]!.receive({ value: null });
      expect(notify).toHaveBeenCalledTimes(1);
    } finally {
      await consumer.onApplicationShutdown();
    }
    expect(consumers.created[0]?.disconnected).toBe(true);
  });
});
