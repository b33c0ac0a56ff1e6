import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { fakeConsumers } from '../../test/fake-kafka-consumer';
import { LiveConsumer, liveGroupId, RESTART_DELAY_MS } from './live-consumer';

// The warnings are the point of some tests, not worth printing.
Logger.overrideLogger(false);

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveConsumer: the lifecycle of the gateway live consumers', () => {
  let consumers: ReturnType<typeof fakeConsumers>;
  let received: KafkaMessage[];
  let live: LiveConsumer;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    consumers = fakeConsumers();
    received = [];
    live = new LiveConsumer(consumers.create, {
      name: 'TestConsumer',
      topics: ['cpx.directory.v1.events', 'cpx.alerts.v1.events'],
      purpose: 'tests',
      eachMessage: (message) => {
        received.push(message);
      },
    });
  });
  afterEach(async () => {
    await live.stop();
    jest.useRealTimers();
  });

  it('subscribes to its topics from the latest offset, and hands on each record', async () => {
    live.start();
    await flush();
    expect(consumers.created).toHaveLength(1);
    expect(consumers.created[0]?.subscribed).toEqual({ topics: ['cpx.directory.v1.events', 'cpx.alerts.v1.events'], fromBeginning: false });
    expect(live.isRunning).toBe(true);
    await consumers.created[0]!.receive({ value: Buffer.from('x') });
    expect(received).toHaveLength(1);
  });

  it('starts once, however often it is asked to', async () => {
    live.start();
    live.start();
    await flush();
    live.start();
    await flush();
    expect(consumers.created).toHaveLength(1);
  });

  it('names its group after the consumer, the host and the process', () => {
    expect(liveGroupId('cpx-gateway-live')).toMatch(new RegExp(`^cpx-gateway-live-[A-Za-z0-9._-]+-${process.pid}$`));
    expect(liveGroupId('cpx-gateway-feeds-live')).toMatch(new RegExp(`^cpx-gateway-feeds-live-[A-Za-z0-9._-]+-${process.pid}$`));
  });

  it('keeps trying until Kafka answers', async () => {
    consumers.plan.push(true, true);
    live.start();
    await flush();
    expect(live.isRunning).toBe(false);
    expect(consumers.created[0]?.disconnected).toBe(true);
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    await flush();
    expect(live.isRunning).toBe(false);
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    await flush();
    expect(consumers.created).toHaveLength(3);
    expect(live.isRunning).toBe(true);
  });

  it('rebuilds itself after a crash kafkajs will not recover from, and leaves the others to kafkajs', async () => {
    live.start();
    await flush();
    consumers.created[0]!.crash(true);
    await flush();
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    expect(consumers.created).toHaveLength(1);

    consumers.created[0]!.crash(false);
    await flush();
    expect(consumers.created[0]?.disconnected).toBe(true);
    expect(live.isRunning).toBe(false);
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    await flush();
    expect(consumers.created).toHaveLength(2);
    expect(live.isRunning).toBe(true);
  });

  it('stops for good: no rebuild after a stop, and a start then does nothing', async () => {
    consumers.plan.push(true);
    live.start();
    await flush();
    await live.stop();
    jest.advanceTimersByTime(RESTART_DELAY_MS * 5);
    await flush();
    expect(consumers.created).toHaveLength(1);
    live.start();
    await flush();
    expect(consumers.created).toHaveLength(1);
  });

  it('disconnects a running consumer when stopped', async () => {
    live.start();
    await flush();
    await live.stop();
    expect(consumers.created[0]?.disconnected).toBe(true);
    expect(live.isRunning).toBe(false);
  });
});
