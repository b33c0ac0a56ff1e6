// Test support: the service harness (one service on real Kafka + Postgres), principals and factories.
export * from './service-harness';
export * from './principals';
export * from './directory-factories';
export * from './graphql-client';
export * from './e2e-platform';
export * from './directory-events';
export * from './wait-for';
export * from './gateway-keys';
export * from './transport-call';
export * from './over-kafka';
