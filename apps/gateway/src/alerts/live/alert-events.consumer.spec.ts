import { Logger } from '@nestjs/common';
import { AlertsEvents } from '@cpx/contracts';
import type { Consumer, EachMessagePayload, KafkaMessage } from 'kafkajs';
import { anEventRecord, audience, facts } from '../testing/alert-factories';
import { AlertChanges } from './alert-changes';
import { AlertEventsConsumer, liveGroupId, RESTART_DELAY_MS } from './alert-events.consumer';

/** Just enough of a kafkajs consumer: connect can be told to fail, and a crash can be raised. */
class FakeConsumer {
  readonly events = { CRASH: 'consumer.crash' } as Consumer['events'];
  subscribed: unknown;
  eachMessage: ((payload: EachMessagePayload) => Promise<void>) | undefined;
  disconnected = false;
  private crashListener: ((event: { payload: { error: Error; restart: boolean } }) => void) | undefined;

  constructor(private readonly failConnect = false) {}

  on(_event: string, listener: (event: { payload: { error: Error; restart: boolean } }) => void): () => void {
    this.crashListener = listener;
    return () => undefined;
  }

  async connect(): Promise<void> {
    if (this.failConnect) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9');
  }

  async subscribe(subscription: unknown): Promise<void> {
    this.subscribed = subscription;
  }

  async run(options: { eachMessage: (payload: EachMessagePayload) => Promise<void> }): Promise<void> {
    this.eachMessage = options.eachMessage;
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  crash(restart: boolean): void {
    this.crashListener?.({ payload: { error: new Error('The coordinator is not aware of this member'), restart } });
  }

  async receive(message: Partial<KafkaMessage>): Promise<void> {
    await this.eachMessage!({ topic: AlertsEvents.topic, partition: 0, message: message as KafkaMessage, heartbeat: async () => undefined, pause: () => () => undefined });
  }
}

// The warnings are the point of some tests, not worth printing.
Logger.overrideLogger(false);

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('AlertEventsConsumer: the source of the live subscription', () => {
  let created: FakeConsumer[];
  let plan: boolean[];
  let changes: AlertChanges;
  let consumer: AlertEventsConsumer;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    created = [];
    plan = [];
    changes = new AlertChanges();
    consumer = new AlertEventsConsumer(() => {
      const fake = new FakeConsumer(plan.shift() ?? false);
      created.push(fake);
      return fake as unknown as Consumer;
    }, changes);
  });
  afterEach(async () => {
    await consumer.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('starts at boot on the alerts events topic, from the latest offset, in a group of its own', async () => {
    consumer.onApplicationBootstrap();
    await flush();
    expect(created).toHaveLength(1);
    expect(created[0]?.subscribed).toEqual({ topics: ['cpx.alerts.v1.events'], fromBeginning: false });
    expect(consumer.isRunning).toBe(true);
    expect(liveGroupId()).toMatch(new RegExp(`^cpx-gateway-live-[A-Za-z0-9._-]+-${process.pid}$`));
  });

  it('keeps trying until Kafka answers', async () => {
    plan = [true, true];
    consumer.onApplicationBootstrap();
    await flush();
    expect(consumer.isRunning).toBe(false);
    expect(created[0]?.disconnected).toBe(true);
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    await flush();
    expect(consumer.isRunning).toBe(false);
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    await flush();
    expect(created).toHaveLength(3);
    expect(consumer.isRunning).toBe(true);
  });

  it('rebuilds itself after a crash kafkajs will not recover from, and leaves the others to kafkajs', async () => {
    consumer.onApplicationBootstrap();
    await flush();
    created[0]!.crash(true);
    await flush();
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    expect(created).toHaveLength(1);

    created[0]!.crash(false);
    await flush();
    expect(created[0]?.disconnected).toBe(true);
    expect(consumer.isRunning).toBe(false);
    jest.advanceTimersByTime(RESTART_DELAY_MS);
    await flush();
    expect(created).toHaveLength(2);
    expect(consumer.isRunning).toBe(true);
  });

  it('stops for good on shutdown', async () => {
    plan = [true];
    consumer.onApplicationBootstrap();
    await flush();
    await consumer.onApplicationShutdown();
    jest.advanceTimersByTime(RESTART_DELAY_MS * 5);
    await flush();
    expect(created).toHaveLength(1);
  });

  it('publishes each alerts event to the fan-out and skips what it cannot read', async () => {
    consumer.onApplicationBootstrap();
    await flush();
    const published = jest.spyOn(changes, 'publish');
    const fake = created[0]!;
    await fake.receive(anEventRecord(AlertsEvents.types.alertPosted, { alert: facts(), audience: audience() }));
    expect(published).toHaveBeenCalledTimes(1);
    expect(published.mock.calls[0]?.[0].change).toMatchObject({ type: 'POSTED', alertId: facts().alertId });

    await fake.receive({ value: Buffer.from('not a cloud event'), headers: {} });
    const broken = anEventRecord(AlertsEvents.types.alertPosted, { alert: facts() });
    await fake.receive(broken); // no audience: nobody may be told
    await fake.receive({ ...anEventRecord(AlertsEvents.types.alertClosed, {}), value: Buffer.from([0xff, 0xff]) });
    await fake.receive(anEventRecord(AlertsEvents.types.alertIdentityErased, { alert: facts() }));
    expect(published).toHaveBeenCalledTimes(1);
  });

  it('pushes nothing from a record whose ce_source is not the alerts service', async () => {
    consumer.onApplicationBootstrap();
    await flush();
    const published = jest.spyOn(changes, 'publish');
    const forged = anEventRecord(AlertsEvents.types.alertPosted, { alert: facts(), audience: audience() });
    await created[0]!.receive({ ...forged, headers: { ...forged.headers, ce_source: '/cpx/feeds' } });
    expect(published).not.toHaveBeenCalled();
  });
});
