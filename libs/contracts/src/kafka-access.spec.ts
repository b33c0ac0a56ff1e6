import { AlertsEvents, DirectoryEvents, FeedsEvents, REPLY_TOPICS, TOPICS } from './topics';
import { KAFKA_PRINCIPALS, KAFKA_SERVICES, eventSourceOf, kafkaAccessOf } from './kafka-access';

describe('Kafka access', () => {
  it('lets only its owner write an events topic (and the tools, which stand in for services in tests)', () => {
    for (const family of [DirectoryEvents, AlertsEvents, FeedsEvents]) {
      const writers = KAFKA_PRINCIPALS.filter((principal) => kafkaAccessOf(principal).write.includes(family.topic));
      expect([family.topic, writers]).toEqual([family.topic, [family.source.replace('/cpx/', ''), 'tools']]);
    }
  });

  it('names each events topic\'s owner as its CloudEvents source', () => {
    expect(eventSourceOf(DirectoryEvents.topic)).toBe('/cpx/directory');
    expect(eventSourceOf('cpx.directory.v1.requests')).toBeUndefined();
  });

  it('lets the gateway write requests and read its replies, and no service read another\'s replies', () => {
    // These three, and the request topic of any service added since: nothing else.
    expect(kafkaAccessOf('gateway').write.slice(0, 3)).toEqual(['cpx.directory.v1.requests', 'cpx.alerts.v1.requests', 'cpx.feeds.v1.requests']);
    expect(kafkaAccessOf('gateway').write).toEqual(KAFKA_SERVICES.map((service) => `cpx.${service}.v1.requests`));
    expect(kafkaAccessOf('gateway').read).toContain(REPLY_TOPICS.gateway);
    for (const service of KAFKA_SERVICES) {
      expect(kafkaAccessOf(service).read.filter((topic) => topic.endsWith('.replies'))).toEqual([]);
      expect(kafkaAccessOf(service).write.filter((topic) => topic.endsWith('.requests'))).toEqual([]);
    }
  });

  it('lets a consumer write the dead letters of what it consumes, and nothing else of others', () => {
    expect(kafkaAccessOf('alerts').write).toEqual([AlertsEvents.topic, ...Object.values(REPLY_TOPICS), `${DirectoryEvents.topic}.dlq`]);
    expect(kafkaAccessOf('alerts').read).toEqual(['cpx.alerts.v1.requests', DirectoryEvents.topic]);
  });

  it('names only registered topics', () => {
    const known = new Set(TOPICS.map(({ topic }) => topic));
    for (const principal of KAFKA_PRINCIPALS) {
      const access = kafkaAccessOf(principal);
      expect([...access.write, ...access.read].filter((topic) => !known.has(topic))).toEqual([]);
    }
  });
});
