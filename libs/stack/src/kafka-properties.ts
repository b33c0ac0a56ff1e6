// server.properties of the local single-node KRaft broker (one JVM acting as broker and
// controller). Pure, so the settings that matter can be unit-tested.

export interface KafkaBrokerSettings {
  /** Port clients connect to (PLAINTEXT). */
  port: number;
  /** Port of the KRaft controller listener; never given to clients. */
  controllerPort: number;
  /** Where partitions and the metadata log live; kept across restarts. */
  logDir: string;
  nodeId?: number;
}

export function renderServerProperties(settings: KafkaBrokerSettings): string {
  const { port, controllerPort, logDir, nodeId = 1 } = settings;
  const entries: [string, string | number | boolean][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', nodeId],
    // A static voter set needs no `--standalone` when formatting storage.
    ['controller.quorum.voters', `${nodeId}@127.0.0.1:${controllerPort}`],
    // 127.0.0.1, never 0.0.0.0: nothing outside this machine should reach a dev broker,
    // and clients must be advertised an address they can dial.
    ['listeners', `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${port}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['controller.listener.names', 'CONTROLLER'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
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

/** Java properties treat backslashes as escapes (Windows paths, odd folder names). */
function escapeValue(value: string): string {
  return value.replaceAll('\\', '\\\\');
}
