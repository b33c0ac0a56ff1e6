// @cpx/stack: the infrastructure (Kafka, Postgres) for `npm start`, tests and CI.
export { startStack, type KafkaConnection, type Stack, type StackOptions } from './stack';
export {
  clientSecurity,
  ensureLocalUsers,
  kafkaAuthFromEnv,
  serviceKafkaEnv,
  type KafkaAuth,
  type KafkaClientSecurity,
  type KafkaCredentials,
  type LocalKafkaUsers,
} from './kafka-auth';
export { ensureKafkaTls, type KafkaTlsFiles } from './kafka-tls';
export { renderServerProperties, type KafkaBrokerSettings } from './kafka-properties';
export { applyAcls, platformAcls } from './kafka-acls';
export { createTopics, topicConfig, type CreateTopicsOptions, type TopicSpec } from './topics';
export { databaseUrl, ensureDatabase } from './ensure-database';
export { startKafka, parseBrokerList, type KafkaControl, type StartedKafka, type StartKafkaOptions } from './kafka';
export { newClusterId, startKafkaBroker, type KafkaBrokerOptions, type LocalKafkaBroker } from './kafka-broker';
export { startPostgres, type StartedPostgres, type StartPostgresOptions } from './postgres';
export { waitForKafka, type WaitForKafkaOptions } from './kafka-ready';
export { startPlatform, SERVICES, type PlatformOptions, type RunningPlatform, type ServiceName } from './platform';
export { serviceProcess, waitForHttpOk, type ServiceProcess } from './service-processes';
export { newLocalKeys, type KeyHolder, type LocalKeys, type RawKeyPairBase64 } from './local-keys';
export { BUILD_RECORD, builtEntry, ensureServicesBuilt, fileHash, recordStaleness, serviceDistDir, staleReason, type BuildRecord } from './service-build';
