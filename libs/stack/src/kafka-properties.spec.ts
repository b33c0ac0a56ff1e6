import { renderServerProperties, type KafkaBrokerSettings } from './kafka-properties';

function parse(text: string): Map<string, string> {
  return new Map(text.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]));
}

const secured: Omit<KafkaBrokerSettings, 'port' | 'controllerPort' | 'logDir'> = {
  tls: { keystore: '/tmp/cpx/tls/broker-keystore.pem', ca: '/tmp/cpx/tls/ca.pem' },
  broker: { username: 'cpx-broker', password: 'broker-secret' },
  superUsers: ['User:cpx-admin'],
  retentionCheckIntervalMs: 60_000,
};

describe('renderServerProperties', () => {
  const properties = parse(renderServerProperties({ port: 19092, controllerPort: 19093, logDir: '/tmp/cpx/data', ...secured }));

  it('runs one node as broker and controller with a static voter', () => {
    expect(properties.get('process.roles')).toBe('broker,controller');
    expect(properties.get('node.id')).toBe('1');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093');
    expect(properties.get('controller.listener.names')).toBe('CONTROLLER');
  });

  it('listens and advertises on loopback only, never 0.0.0.0', () => {
    expect(properties.get('listeners')).toBe('SASL_SSL://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(properties.get('advertised.listeners')).toBe('SASL_SSL://127.0.0.1:19092');
    expect([...properties.values()].join(' ')).not.toContain('0.0.0.0');
  });

  it('has no listener without TLS: clients by SCRAM-SHA-512, the controller only by the broker\'s certificate', () => {
    expect(properties.get('listener.security.protocol.map')).toBe('SASL_SSL:SASL_SSL,CONTROLLER:SSL');
    expect(properties.get('sasl.enabled.mechanisms')).toBe('SCRAM-SHA-512');
    expect(properties.get('listener.name.controller.ssl.client.auth')).toBe('required');
    expect(properties.get('listener.name.controller.ssl.truststore.location')).toBe('/tmp/cpx/tls/ca.pem');
    expect(properties.get('ssl.keystore.type')).toBe('PEM');
    expect([...properties.values()].join(' ')).not.toContain('PLAINTEXT');
  });

  it('authorizes by Kafka ACLs, allowing nothing no ACL names; only the broker and the admin are super users', () => {
    expect(properties.get('authorizer.class.name')).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(properties.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(properties.get('super.users')).toBe('User:CN=cpx-broker;User:cpx-broker;User:cpx-admin');
  });

  it('looks for expired segments as often as request retention needs', () => {
    expect(properties.get('log.retention.check.interval.ms')).toBe('60000');
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
    const windows = parse(renderServerProperties({ port: 1, controllerPort: 2, logDir: 'C:\\cpx\\data', ...secured }));
    expect(windows.get('log.dirs')).toBe('C:\\\\cpx\\\\data');
  });
});
