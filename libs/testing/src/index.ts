// Test support shared by more than one project: the service harness (one service on real Kafka + Postgres),
// the e2e platform, principals, factories, and calls to a Kafka handler as the transport makes them.
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
