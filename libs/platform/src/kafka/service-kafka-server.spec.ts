import { AlertsRequests, DirectoryEvents, DirectoryRequests } from '@cpx/contracts';
import { patternOf, topicOf } from './service-kafka-server';

describe('a service request topic, routed by operation header', () => {
  const topic = DirectoryRequests.getAgency.topic;

  it('routes a request to the operation its header names', () => {
    expect(patternOf(topic, 'cpx.directory.v1.GetAgency')).toBe(DirectoryRequests.getAgency.name);
    expect(patternOf(topic, Buffer.from('cpx.directory.v1.RegisterAgency'))).toBe(DirectoryRequests.registerAgency.name);
  });

  it('routes no request to a handler when the header is missing, unknown, or names another service\'s operation', () => {
    for (const header of [undefined, '', 'cpx.directory.v1.DropAllTables', AlertsRequests.postAlert.name, DirectoryEvents.topic, 42]) {
      const pattern = patternOf(topic, header);
      expect(Object.values(DirectoryRequests).map((operation) => operation.name)).not.toContain(pattern);
      expect(pattern).not.toBe(AlertsRequests.postAlert.name);
    }
  });

  it('leaves an event its topic as its pattern, whatever its headers say', () => {
    expect(patternOf(DirectoryEvents.topic, DirectoryRequests.registerAgency.name)).toBe(DirectoryEvents.topic);
  });

  it('subscribes once to the request topic behind every operation, and to event topics as they are', () => {
    const patterns = [DirectoryRequests.getAgency.name, DirectoryRequests.searchAgencies.name, DirectoryEvents.topic];
    expect([...new Set(patterns.map(topicOf))]).toEqual(['cpx.directory.v1.requests', DirectoryEvents.topic]);
  });
});
