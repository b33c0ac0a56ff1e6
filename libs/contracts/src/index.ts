/**
 * @cpx/contracts: the wire contracts of CPX. Everything here is generated from proto/
 * (`npm run proto:generate`) except the topic registry in topics.ts (its request operations derived from the proto services), who may use which topic (kafka-access.ts), and in rules/ the input rules and sealing contexts both sides of the wire read (plain data and pure functions).
 */
export * from './gen/cpx/platform/v1/reply_pb';
export * from './gen/cpx/platform/v1/page_pb';
export * from './gen/cpx/directory/v1/directory_pb';
export * from './gen/cpx/directory/v1/requests_pb';
export * from './gen/cpx/directory/v1/events_pb';
export * from './gen/cpx/directory/v1/directory_service_pb';

export * from './gen/cpx/alerts/v1/alerts_pb';
export * from './gen/cpx/alerts/v1/requests_pb';
export * from './gen/cpx/alerts/v1/events_pb';
export * from './gen/cpx/alerts/v1/alerts_service_pb';
export * from './gen/cpx/feeds/v1/feeds_pb';
export * from './gen/cpx/feeds/v1/requests_pb';
export * from './gen/cpx/feeds/v1/events_pb';
export * from './gen/cpx/feeds/v1/feeds_service_pb';
export * from './topics';
export * from './kafka-access';
export * from './rules/field-limits';
export * from './rules/sealing-contexts';
export * from './rules/alert-rules';
