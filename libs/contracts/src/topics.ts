/**
 * The one registry of Kafka topics: every request operation (its request topic and message
 * types), the reply topic of each calling application, every event family (its topic and the event types it carries), and
 * the partition count each topic is created with. Services and the stack import these;
 * nobody spells a topic name anywhere else.
 *
 * A service's request operations are its proto `service` (proto/cpx/<svc>/v1/<svc>_service.proto):
 * DirectoryRequests, AlertsRequests and FeedsRequests are derived from the generated service
 * descriptors, so adding an operation is adding an rpc. What proto cannot say is written here:
 * reply topics, partitions, retention, and each event family's topic and source.
 *
 * An event's CloudEvents `ce_type` is its protobuf message's full name, read from the
 * generated schema so that the name is written once, in proto/.
 */
import type { DescMessage } from '@bufbuild/protobuf';
import type { GenService, GenServiceMethods } from '@bufbuild/protobuf/codegenv2';
import { AlertsService } from './gen/cpx/alerts/v1/alerts_service_pb';
import {
  AlertAcknowledgedSchema,
  AlertCancelledSchema,
  AlertClosedSchema,
  AlertEscalatedSchema,
  AlertIdentityErasedSchema,
  AlertPostedSchema,
  AlertResolvedSchema,
  AlertUpdateAddedSchema,
} from './gen/cpx/alerts/v1/events_pb';
import { DirectoryService } from './gen/cpx/directory/v1/directory_service_pb';
import {
  AgencyRegisteredSchema,
  AgencyUpdatedSchema,
  CountryRegisteredSchema,
  FocalPointAssignedSchema,
  FocalPointRemovedSchema,
  OnDutyEndedSchema,
  OnDutyScheduledSchema,
  ProfessionalReinstatedSchema,
  ProfessionalRegisteredSchema,
  ProfessionalSuspendedSchema,
  ProfessionalUpdatedSchema,
  ProfessionalVerifiedSchema,
} from './gen/cpx/directory/v1/events_pb';
import { WebhookEndpointDisabledSchema } from './gen/cpx/feeds/v1/events_pb';
import { FeedsService } from './gen/cpx/feeds/v1/feeds_service_pb';

/**
 * One request/reply operation. The type parameters are the generated schemas (e.g.
 * `typeof GetAgencyRequestSchema`), so `MessageShape<Req>` / `MessageInitShape<Res>` give the
 * message types; the responder answers with a cpx.platform.v1.Reply on the reply topic the
 * request names (its caller's, see REPLY_TOPICS).
 */
export interface RequestOperation<Req extends DescMessage = DescMessage, Res extends DescMessage = DescMessage> {
  /** The operation's full name, e.g. `cpx.directory.v1.GetAgency`: a request carries it in OPERATION_HEADER. */
  readonly name: string;
  /** Where it is sent: its service's one request topic, e.g. `cpx.directory.v1.requests` (see requestTopicOf). */
  readonly topic: string;
  readonly request: Req;
  readonly response: Res;
}

/** The header naming a request's operation (RequestOperation.name); the topic names only the service. */
export const OPERATION_HEADER = 'cpx-operation';

/** One event type: its CloudEvents `ce_type` and the schema of its payload. */
export interface EventType<Desc extends DescMessage = DescMessage> {
  readonly type: Desc['typeName'];
  readonly schema: Desc;
}

/** The events one service publishes, all on one topic. */
export interface EventFamily {
  readonly topic: string;
  /**
   * The CloudEvents `ce_source` of every event on the topic: its owner, the only service
   * the broker lets write it (kafka-access.ts). A consumer refuses an event from any other source.
   */
  readonly source: string;
  readonly types: Readonly<Record<string, EventType>>;
}

export const DEAD_LETTER_TOPIC_SUFFIX = '.dlq';

/**
 * Where callers read replies: one topic per calling application, not one per operation.
 * Every instance of a caller reads its application's topic whole, in a consumer group of
 * its own, and keeps the replies whose correlation id it sent. One topic of one
 * partition because a kafkajs fetch names every partition it reads (kafkajs has no
 * incremental fetch sessions): with a reply topic per operation, each of the gateway's
 * fetches named ~45 of them, and decoding and bookkeeping those empty partitions cost
 * more of the gateway's CPU per read than GraphQL did. The tools (tests, benchmark) have
 * their own, so that their traffic is never read by a running gateway.
 */
export const REPLY_TOPICS = {
  gateway: 'cpx.gateway.v1.replies',
  tools: 'cpx.tools.v1.replies',
} as const;

/**
 * Partition counts: the unit of parallelism per topic (consumers in a group <= partitions).
 * Replies get one: every caller instance reads its application's reply topic whole, so more
 * would parallelise nothing (see REPLY_TOPICS).
 */
export const PARTITIONS = { events: 6, deadLetter: 1, request: 6, reply: 1 } as const;

/**
 * `cpx.directory.v1.GetAgency` -> `cpx.directory.v1.requests`: one request topic per service,
 * not one per operation. A kafkajs fetch names every partition its consumer reads (no
 * incremental fetch sessions), so with a topic per operation each fetch of the directory
 * named 51 partitions, and the broker and the service decoded and bookkept them all on
 * every request. The operation travels in OPERATION_HEADER, and the service routes by it.
 * The cost: a service's operations share its partitions (requests go round-robin over
 * PARTITIONS.request), so a slow request delays those queued behind it on its partition
 * (and, until it ends or its deadline passes, whatever its instance has not fetched yet:
 * kafkajs fetches again only once every batch of a fetch is handled; ServiceKafkaServer);
 * a request whose signed deadline has passed by then is refused unprocessed.
 */
export function requestTopicOf(operationName: string): string {
  return `${operationName.slice(0, operationName.lastIndexOf('.'))}.requests`;
}

/** The operations of one generated service, keyed by the rpc's local name (`GetAgency` -> `getAgency`). */
export type RequestOperationsOf<Methods extends GenServiceMethods> = {
  readonly [Key in keyof Methods]: RequestOperation<Methods[Key]['input'], Methods[Key]['output']>;
};

/**
 * Every rpc of a proto `service` as a RequestOperation. Its name is the package and the
 * method (`cpx.directory.v1.GetAgency`), not the service-qualified name
 * (`cpx.directory.v1.DirectoryService.GetAgency`): that is the name that travels in
 * OPERATION_HEADER and the one requestTopicOf reads the topic from, so it stays as it was
 * when the operations were written out by hand. Every rpc is one request and one reply, so a
 * streaming rpc is refused rather than half-served.
 */
export function requestOperationsOf<Methods extends GenServiceMethods>(service: GenService<Methods>): RequestOperationsOf<Methods> {
  const packageName = service.file.proto.package;
  const operations = service.methods.map((method) => {
    if (method.methodKind !== 'unary') {
      throw new Error(`${method.toString()} is ${method.methodKind}: a request operation is one request and one reply`);
    }
    const name = `${packageName}.${method.name}`;
    const operation: RequestOperation = { name, topic: requestTopicOf(name), request: method.input, response: method.output };
    return [method.localName, operation] as const;
  });
  return Object.fromEntries(operations) as RequestOperationsOf<Methods>;
}

function event<Desc extends DescMessage>(schema: Desc): EventType<Desc> {
  return { type: schema.typeName, schema };
}

export const DirectoryRequests = requestOperationsOf(DirectoryService);

export const DirectoryEvents = {
  topic: 'cpx.directory.v1.events',
  source: '/cpx/directory',
  types: {
    agencyRegistered: event(AgencyRegisteredSchema),
    agencyUpdated: event(AgencyUpdatedSchema),
    professionalRegistered: event(ProfessionalRegisteredSchema),
    professionalUpdated: event(ProfessionalUpdatedSchema),
    professionalVerified: event(ProfessionalVerifiedSchema),
    professionalSuspended: event(ProfessionalSuspendedSchema),
    professionalReinstated: event(ProfessionalReinstatedSchema),
    focalPointAssigned: event(FocalPointAssignedSchema),
    focalPointRemoved: event(FocalPointRemovedSchema),
    onDutyScheduled: event(OnDutyScheduledSchema),
    onDutyEnded: event(OnDutyEndedSchema),
    countryRegistered: event(CountryRegisteredSchema),
  },
} as const satisfies EventFamily;

export const AlertsRequests = requestOperationsOf(AlertsService);

export const AlertsEvents = {
  topic: 'cpx.alerts.v1.events',
  source: '/cpx/alerts',
  types: {
    alertPosted: event(AlertPostedSchema),
    alertAcknowledged: event(AlertAcknowledgedSchema),
    alertEscalated: event(AlertEscalatedSchema),
    alertUpdateAdded: event(AlertUpdateAddedSchema),
    alertResolved: event(AlertResolvedSchema),
    alertCancelled: event(AlertCancelledSchema),
    alertClosed: event(AlertClosedSchema),
    alertIdentityErased: event(AlertIdentityErasedSchema),
  },
} as const satisfies EventFamily;

export const FeedsRequests = requestOperationsOf(FeedsService);

/** Operational events of the feeds service (an endpoint disabled), for operators; not in any partner feed. */
export const FeedsEvents = {
  topic: 'cpx.feeds.v1.events',
  source: '/cpx/feeds',
  types: {
    webhookEndpointDisabled: event(WebhookEndpointDisabledSchema),
  },
} as const satisfies EventFamily;

/** Every request operation of every service (add a service's registry here). */
const REQUEST_OPERATIONS: readonly RequestOperation[] = [
  ...Object.values(DirectoryRequests),
  ...Object.values(AlertsRequests),
  ...Object.values(FeedsRequests),
];

/** Every service's request topic. */
export const REQUEST_TOPICS: readonly string[] = [...new Set(REQUEST_OPERATIONS.map((operation) => operation.topic))];

const OPERATIONS_BY_NAME = new Map(REQUEST_OPERATIONS.map((operation) => [operation.name, operation]));

/** The operation of that full name, if there is one. */
export function requestOperationNamed(name: string): RequestOperation | undefined {
  return OPERATIONS_BY_NAME.get(name);
}

/** Every event family (add a service's events here). */
export const EVENT_FAMILIES: readonly EventFamily[] = [DirectoryEvents, AlertsEvents, FeedsEvents];

/**
 * Requests and replies matter only until they are answered (the caller gives up after its
 * timeout), and some carry personal data — a child's record on its way to the alerts
 * service, which seals it, and clear texts — so they are not kept: a request or reply
 * record is gone from the broker's disk within 15 minutes of being written, not the
 * broker's week.
 *
 * `retention.ms` alone does not hold that: a broker deletes whole segments, a segment only
 * once its newest record is past retention, and a busy topic's active segment keeps taking
 * records until it rolls (by default after 7 days or 1 GiB). So request and reply topics
 * roll a segment every REQUEST_SEGMENT_MS (or REQUEST_SEGMENT_BYTES), the broker looks for
 * expired segments every RETENTION_CHECK_INTERVAL_MS (the local broker's
 * `log.retention.check.interval.ms`; a production cluster must be set to no more), deletes
 * their files after REQUEST_FILE_DELETE_DELAY_MS, and the topic's `retention.ms` is what
 * is left: oldest record of a segment + segment time + retention + check + delete delay
 * <= REQUEST_RETENTION_MS.
 */
export const REQUEST_RETENTION_MS = 15 * 60_000;
export const REQUEST_SEGMENT_MS = 2 * 60_000;
/** Rolls a segment early under load (a record is at most MAX_REQUEST_MESSAGE_BYTES). */
export const REQUEST_SEGMENT_BYTES = 16 * 1024 * 1024;
export const RETENTION_CHECK_INTERVAL_MS = 60_000;
export const REQUEST_FILE_DELETE_DELAY_MS = 1_000;
/** The `retention.ms` of request and reply topics (see REQUEST_RETENTION_MS). */
export const REQUEST_TOPIC_RETENTION_MS = REQUEST_RETENTION_MS - REQUEST_SEGMENT_MS - RETENTION_CHECK_INTERVAL_MS - REQUEST_FILE_DELETE_DELAY_MS;

/**
 * The largest record on a request or reply topic. An alert's request carries the child's
 * sealed record with a photo of up to 2,000,000 bytes (ALERTS_MAX_PHOTO_BYTES), and so does
 * the reply that reveals it: over Kafka's default of about 1 MB, a post with a photo would
 * be refused by the broker and reach its poster as SERVICE_UNAVAILABLE.
 */
export const MAX_REQUEST_MESSAGE_BYTES = 4 * 1024 * 1024;

/** How one topic is created: partitions, and the settings it overrides (unset: the broker's default). */
export interface TopicSpecification {
  topic: string;
  partitions: number;
  retentionMs?: number;
  maxMessageBytes?: number;
  segmentMs?: number;
  segmentBytes?: number;
  fileDeleteDelayMs?: number;
}

/** Request and reply topics: kept briefly (REQUEST_RETENTION_MS), records as large as a photo. */
const SHORT_LIVED = {
  retentionMs: REQUEST_TOPIC_RETENTION_MS,
  segmentMs: REQUEST_SEGMENT_MS,
  segmentBytes: REQUEST_SEGMENT_BYTES,
  fileDeleteDelayMs: REQUEST_FILE_DELETE_DELAY_MS,
  maxMessageBytes: MAX_REQUEST_MESSAGE_BYTES,
} as const;

/**
 * Every topic the platform uses, with the partition count it is created with. Events (and
 * their dead letters) keep the broker's default retention: the feeds service and a
 * rebuilt replica read them from the start.
 */
export const TOPICS: TopicSpecification[] = [
  ...EVENT_FAMILIES.flatMap((family) => [
    { topic: family.topic, partitions: PARTITIONS.events },
    { topic: family.topic + DEAD_LETTER_TOPIC_SUFFIX, partitions: PARTITIONS.deadLetter },
  ]),
  ...REQUEST_TOPICS.map((topic) => ({ topic, partitions: PARTITIONS.request, ...SHORT_LIVED })),
  ...Object.values(REPLY_TOPICS).map((topic) => ({ topic, partitions: PARTITIONS.reply, ...SHORT_LIVED })),
];
