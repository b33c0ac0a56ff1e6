import { renderServerProperties } from './kafka-properties';

function parse(text: string): Map<string, string> {
  return new Map(text.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

describe('renderServerProperties', () => {
  const properties = parse(renderServerProperties({ port: 19092, controllerPort: 19093, logDir: '/tmp/cpx/data' }));

  it('runs one node as broker and controller with a static voter', () => {
    expect(properties.get('process.roles')).toBe('broker,controller');
    expect(properties.get('node.id')).toBe('1');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093');
    expect(properties.get('controller.listener.names')).toBe('CONTROLLER');
    expect(properties.get('listener.security.protocol.map')).toContain('CONTROLLER:PLAINTEXT');
  });

  it('listens and advertises on loopback only, never 0.0.0.0', () => {
    expect(properties.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:19092');
    expect([...properties.values()].join(' ')).not.toContain('0.0.0.0');
  });

  it('gives every internal topic a single replica', () => {
    for (const key of [
      'default.replication.factor',
      'min.insync.replicas',
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'transaction.state.log.min.isr',
      'share.coordinator.state.topic.replication.factor',
      'share.coordinator.state.topic.min.isr',
    ]) {
      expect([key, properties.get(key)]).toEqual([key, '1']);
    }
  });

  it('keeps group joins fast and topics explicit', () => {
    expect(properties.get('offsets.topic.num.partitions')).toBe('1');
    expect(properties.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(properties.get('auto.create.topics.enable')).toBe('false');
    expect(properties.get('log.dirs')).toBe('/tmp/cpx/data');
  });

  it('escapes backslashes, which Java properties read as escapes', () => {
    const windows = parse(renderServerProperties({ port: 1, controllerPort: 2, logDir: 'C:\\cpx\\data' }));
    expect(windows.get('log.dirs')).toBe('C:\\\\cpx\\\\data');
  });
});
