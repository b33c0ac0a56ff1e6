// server.properties of the local single-node KRaft broker (one JVM acting as broker and
// controller). Pure, so the settings that matter can be unit-tested.

export interface KafkaBrokerSettings {
  /** Port clients connect to (SASL_SSL: TLS, then a SCRAM-SHA-512 user). */
  port: number;
  /** Port of the KRaft controller listener; never given to clients. */
  controllerPort: number;
  /** Where partitions and the metadata log live; kept across restarts. */
  logDir: string;
  nodeId?: number;
  /** The broker's key and certificate (PEM) and the CA clients and the broker trust. */
  tls: { keystore: string; ca: string };
  /** The broker's own SCRAM user, for the inter-broker side of its client listener. */
  broker: { username: string; password: string };
  /** Principals no ACL applies to (the admin user); the broker's own are added. */
  superUsers: string[];
  /** How often expired segments are looked for (log.retention.check.interval.ms). */
  retentionCheckIntervalMs: number;
  /** Where the client listener binds (a container: 0.0.0.0); default 127.0.0.1. */
  bindHost?: string;
  /** The address clients are given (a container: its host port); default 127.0.0.1:<port>. */
  advertised?: string;
}

/** The broker's principal on its controller listener: the subject of its certificate. */
export const BROKER_TLS_PRINCIPAL = 'User:CN=cpx-broker';

export function renderServerProperties(settings: KafkaBrokerSettings): string {
  const { port, controllerPort } = settings;
  return render([
    // 127.0.0.1, never 0.0.0.0: nothing outside this machine should reach a dev broker,
    // and clients must be advertised an address they can dial.
    ['listeners', `SASL_SSL://${settings.bindHost ?? '127.0.0.1'}:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['advertised.listeners', `SASL_SSL://${settings.advertised ?? `127.0.0.1:${port}`}`],
    ['inter.broker.listener.name', 'SASL_SSL'],
    ['controller.listener.names', 'CONTROLLER'],
    // Clients: TLS, then SCRAM-SHA-512. The controller listener: TLS with a client
    // certificate signed by the instance's CA, which only the broker holds (the CA's key is
    // deleted once it is issued: kafka-tls.ts), so no client can reach the controller.
    ['listener.security.protocol.map', 'SASL_SSL:SASL_SSL,CONTROLLER:SSL'],
    ['sasl.enabled.mechanisms', 'SCRAM-SHA-512'],
    ['sasl.mechanism.inter.broker.protocol', 'SCRAM-SHA-512'],
    ['listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config', scramJaas(settings.broker)],
    ['listener.name.controller.ssl.client.auth', 'required'],
    ['ssl.client.auth', 'none'],
    ...sslStores('', settings.tls),
    ...sslStores('listener.name.controller.', settings.tls),
    ['ssl.endpoint.identification.algorithm', 'https'],
    // Kafka's own ACLs; whatever no ACL allows is refused.
    ['authorizer.class.name', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer'],
    ['allow.everyone.if.no.acl.found', false],
    ['super.users', [BROKER_TLS_PRINCIPAL, `User:${settings.broker.username}`, ...settings.superUsers].join(';')],
    // Request and reply records must be gone within REQUEST_RETENTION_MS (contracts).
    ['log.retention.check.interval.ms', settings.retentionCheckIntervalMs],
  ], settings);
}

/**
 * A broker with no TLS, no users and no ACLs: only for the benchmark's plaintext baseline
 * (what TLS and SASL cost), never for the platform.
 */
export function renderPlaintextServerProperties(settings: Pick<KafkaBrokerSettings, 'port' | 'controllerPort' | 'logDir' | 'nodeId'>): string {
  const { port, controllerPort } = settings;
  return render([
    ['listeners', `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${port}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['controller.listener.names', 'CONTROLLER'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
  ], settings);
}

function render(listenerEntries: [string, string | number | boolean][], settings: Pick<KafkaBrokerSettings, 'controllerPort' | 'logDir' | 'nodeId'>): string {
  const { controllerPort, logDir, nodeId = 1 } = settings;
  const entries: [string, string | number | boolean][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', nodeId],
    // A static voter set needs no `--standalone` when formatting storage.
    ['controller.quorum.voters', `${nodeId}@127.0.0.1:${controllerPort}`],
    ...listenerEntries,
    ['log.dirs', logDir],
    // One node: every internal topic must make do with one replica, or it never gets created.
    ['default.replication.factor', 1],
    ['min.insync.replicas', 1],
    ['offsets.topic.replication.factor', 1],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['share.coordinator.state.topic.replication.factor', 1],
    ['share.coordinator.state.topic.min.isr', 1],
    // Else the first consumer group creates 50 offset partitions, which takes seconds.
    ['offsets.topic.num.partitions', 1],
    // Else every first join waits 3 s for more members that never come.
    ['group.initial.rebalance.delay.ms', 0],
    // Topics are created on purpose with their partitions (topics.ts); auto-creation
    // would race consumer group joins and hide a missing topic.
    ['auto.create.topics.enable', false],
    ['num.partitions', 1],
  ];
  return `${entries.map(([key, value]) => `${key}=${escapeValue(String(value))}`).join('\n')}\n`;
}

function sslStores(prefix: string, tls: KafkaBrokerSettings['tls']): [string, string][] {
  return [
    [`${prefix}ssl.keystore.type`, 'PEM'],
    [`${prefix}ssl.keystore.location`, tls.keystore],
    [`${prefix}ssl.truststore.type`, 'PEM'],
    [`${prefix}ssl.truststore.location`, tls.ca],
  ];
}

function scramJaas({ username, password }: KafkaBrokerSettings['broker']): string {
  return `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`;
}

/** Java properties treat backslashes as escapes (Windows paths, odd folder names). */
function escapeValue(value: string): string {
  return value.replaceAll('\\', '\\\\');
}
