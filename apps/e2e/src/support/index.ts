// The e2e specs' shared helpers: calls through the gateway, a live alerts client, a decoder
// from proto/. Helpers for one service's tests live in apps/<svc>/test/; cross-service
// harnesses (the platform, the stack, principals, factories) in libs/testing.
export * from './gateway-calls';
export * from './kafka-records';
export * from './live-alerts';
export * from './proto-decoder';
