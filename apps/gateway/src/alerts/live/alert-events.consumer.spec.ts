import { Logger } from '@nestjs/common';
import { AlertsEvents } from '@cpx/contracts';
import type { KafkaMessage } from 'kafkajs';
import { fakeConsumers, type FakeConsumer } from '../../../test/fake-kafka-consumer';
import { anEventRecord, audience, facts } from '../testing/alert-factories';
import { AlertChanges } from './alert-changes';
import { AlertEventsConsumer } from './alert-events.consumer';

// The warnings are the point of some tests, not worth printing.
Logger.overrideLogger(false);

const flush = () => new Promise((resolve) => setImmediate(resolve));

/** A record on the alerts events topic, as the consumer receives it. */
const receive = (fake: FakeConsumer, message: Partial<KafkaMessage>) => fake.receive(message, AlertsEvents.topic);

// Its lifecycle (retries, rebuilds, stop) is LiveConsumer's: messaging/live-consumer.spec.ts.
describe('AlertEventsConsumer: the source of the live subscription', () => {
  let created: FakeConsumer[];
  let changes: AlertChanges;
  let consumer: AlertEventsConsumer;

  beforeEach(() => {
    const consumers = fakeConsumers();
    created = consumers.created;
    changes = new AlertChanges();
    consumer = new AlertEventsConsumer(consumers.create, changes);
  });
  afterEach(async () => {
    await consumer.onApplicationShutdown();
  });

  it('starts at boot on the alerts events topic, from the latest offset', async () => {
    consumer.onApplicationBootstrap();
    await flush();
    expect(created).toHaveLength(1);
    expect(created[0]?.subscribed).toEqual({ topics: ['cpx.alerts.v1.events'], fromBeginning: false });
    expect(consumer.isRunning).toBe(true);
  });

  it('publishes each alerts event to the fan-out and skips what it cannot read', async () => {
    consumer.onApplicationBootstrap();
    await flush();
    const published = jest.spyOn(changes, 'publish');
    const fake = created[0]!;
    await receive(fake, anEventRecord(AlertsEvents.types.alertPosted, { alert: facts(), audience: audience() }));
    expect(published).toHaveBeenCalledTimes(1);
    expect(published.mock.calls[0]?.[0].change).toMatchObject({ type: 'POSTED', alertId: facts().alertId });

    await receive(fake, { value: Buffer.from('not a cloud event'), headers: {} });
    const broken = anEventRecord(AlertsEvents.types.alertPosted, { alert: facts() });
    await receive(fake, broken); // no audience: nobody may be told
    await receive(fake, { ...anEventRecord(AlertsEvents.types.alertClosed, {}), value: Buffer.from([0xff, 0xff]) });
    await receive(fake, anEventRecord(AlertsEvents.types.alertIdentityErased, { alert: facts() }));
    expect(published).toHaveBeenCalledTimes(1);
  });

  it('pushes nothing from a record whose ce_source is not the alerts service', async () => {
    consumer.onApplicationBootstrap();
    await flush();
    const published = jest.spyOn(changes, 'publish');
    const forged = anEventRecord(AlertsEvents.types.alertPosted, { alert: facts(), audience: audience() });
    await receive(created[0]!, { ...forged, headers: { ...forged.headers, ce_source: '/cpx/feeds' } });
    expect(published).not.toHaveBeenCalled();
  });
});
