/**
 * Who may do what on the broker: one Kafka principal per application, and what each may
 * write and read, derived from the topic registry (topics.ts) and the short table of who
 * serves, publishes, consumes and calls what below. The stack turns it into the broker's
 * ACLs; docs/architecture.md ("Kafka principals and ACLs") lists it for a Strimzi
 * `KafkaUser` to mirror. Only the owner of an events topic may write it: a service that
 * could write another's events could lift a suspension or re-route a country's alerts.
 */
import {
  AlertsEvents,
  AlertsRequests,
  DEAD_LETTER_TOPIC_SUFFIX,
  DirectoryEvents,
  DirectoryRequests,
  EVENT_FAMILIES,
  FeedsEvents,
  FeedsRequests,
  REPLY_TOPICS,
  TOPICS,
  type EventFamily,
  type RequestOperation,
} from './topics';

/** The services: each serves its request topic, publishes its events, consumes others'. */
interface ServiceRole {
  /** Its operations (every one on its request topic), the health check among them. */
  readonly requests: Readonly<Record<string, RequestOperation>> & { readonly healthCheck: RequestOperation };
  readonly publishes: EventFamily;
  readonly consumes: readonly EventFamily[];
}

/**
 * Every service of the platform, in start order: the one list a new service is added to
 * (`nx g @cpx/nx-plugin:service <name>` does it). The stack starts, keys and builds what is
 * listed here, the broker's ACLs and principals come from it, and the gateway asks each
 * one's health check. What each service consumes is what its `@HandleEvents(...)` methods
 * name (each service's consumed-topics spec keeps them honest).
 */
export const SERVICE_ROLES = {
  directory: { requests: DirectoryRequests, publishes: DirectoryEvents, consumes: [] },
  alerts: { requests: AlertsRequests, publishes: AlertsEvents, consumes: [DirectoryEvents] },
  feeds: { requests: FeedsRequests, publishes: FeedsEvents, consumes: [DirectoryEvents, AlertsEvents] },
} as const satisfies Record<string, ServiceRole>;

export type KafkaService = keyof typeof SERVICE_ROLES;

/** The services' names, in SERVICE_ROLES' order. */
export const KAFKA_SERVICES = Object.keys(SERVICE_ROLES) as KafkaService[];

/** A service's one request topic, `cpx.<service>.v1.requests`. */
export function requestTopicOfService(service: KafkaService): string {
  return SERVICE_ROLES[service].requests.healthCheck.topic;
}

/**
 * Every principal the platform's stack creates. `admin` creates topics and ACLs (a super
 * user of the broker, as Strimzi's entity operator is); `tools` is the test harnesses' and
 * the benchmark's, on local and test brokers only: it may write any CPX topic, so that
 * tests can stand in for a service they do not run, and it must not exist in production.
 */
export type KafkaPrincipal = 'admin' | KafkaService | 'gateway' | 'tools';
export const KAFKA_PRINCIPALS: readonly KafkaPrincipal[] = ['admin', ...KAFKA_SERVICES, 'gateway', 'tools'];

/** The SCRAM user name of a principal: `cpx-directory`; its ACL principal is `User:cpx-directory`. */
export function kafkaUserName(principal: KafkaPrincipal): string {
  return `cpx-${principal}`;
}

export interface KafkaAccess {
  /** Topics it may write (WRITE; DESCRIBE comes with it). */
  readonly write: readonly string[];
  /** Topics it may read (READ; DESCRIBE comes with it). */
  readonly read: readonly string[];
  /** Topics it may create, write and read by prefix of their name (the benchmark's own). */
  readonly topicPrefixes?: readonly string[];
  /** Consumer groups it may use, by prefix of their id; `*` for any. */
  readonly groupPrefixes: readonly string[];
  /** A super user of the broker: no ACL applies (topics and ACLs are its job). */
  readonly superUser?: true;
}

/** The benchmark's own topics (its raw Kafka baselines), which only the tools use. */
export const BENCH_TOPIC_PREFIX = 'cpx.bench.';

const everyTopic = TOPICS.map(({ topic }) => topic);
const replyTopics = Object.values(REPLY_TOPICS);
const deadLetterOf = (family: EventFamily) => family.topic + DEAD_LETTER_TOPIC_SUFFIX;

function serviceAccess(service: KafkaService): KafkaAccess {
  const role: ServiceRole = SERVICE_ROLES[service];
  return {
    // Its events; its replies to whoever asked (the gateway, or the tools in tests); the
    // dead letters of what it consumes.
    write: [role.publishes.topic, ...replyTopics, ...role.consumes.map(deadLetterOf)],
    read: [requestTopicOfService(service), ...role.consumes.map(({ topic }) => topic)],
    // Its service group (serviceGroupId) for requests and events.
    groupPrefixes: [`cpx-${service}`],
  };
}

/** What each principal may do: the one source of the broker's ACLs. */
export function kafkaAccessOf(principal: KafkaPrincipal): KafkaAccess {
  switch (principal) {
    case 'admin':
      return { write: [], read: [], groupPrefixes: [], superUser: true };
    case 'gateway':
      return {
        // Requests to every service.
        write: KAFKA_SERVICES.map(requestTopicOfService),
        // Its replies; alerts events for live alerts; what the feeds service records, to
        // wake live partner feeds (apps/gateway FEED_SOURCE_TOPICS).
        read: [...new Set([REPLY_TOPICS.gateway, AlertsEvents.topic, ...SERVICE_ROLES.feeds.consumes.map(({ topic }) => topic)])],
        // Its reply group and live consumers: cpx-gateway-<host>-<pid>, cpx-gateway-live-..., cpx-gateway-feeds-live-...
        groupPrefixes: ['cpx-gateway'],
      };
    case 'tools':
      return { write: everyTopic, read: everyTopic, topicPrefixes: [BENCH_TOPIC_PREFIX], groupPrefixes: ['*'] };
    default:
      return serviceAccess(principal);
  }
}

/** The owner of an events topic, by its CloudEvents source (`/cpx/directory`), if it is one. */
export function eventSourceOf(topic: string): string | undefined {
  return EVENT_FAMILIES.find((family) => family.topic === topic)?.source;
}
