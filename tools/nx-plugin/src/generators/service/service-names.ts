/** The names one service is spelled with, in every place that spells it, from the generator's options. */
export interface ServiceGeneratorOptions {
  /** Lowercase letters: `practices`. */
  name: string;
  /** The first feature folder; default: the name. */
  feature?: string;
  /** Its aggregate, singular; default: the feature without a final `s`. */
  noun?: string;
  skipCodegen?: boolean;
}

export interface ServiceNames {
  /** `practices`: apps/practices, cpx.practices.v1, cpx_practices, cpx-practices. */
  name: string;
  /** `Practices`: PracticesModule, PracticesConfig, PracticesRequests, PracticesService (proto). */
  Name: string;
  /** `practices`: the feature folder. */
  feature: string;
  /** `Practices`: PracticesHandler. */
  Feature: string;
  /** `practice`: the table, `practice.store.ts`, the GraphQL query. */
  noun: string;
  /** `Practice`: the message, the GraphQL type, CreatePracticeRequest, PracticeCreated. */
  Noun: string;
  /** `PRACTICE`: constants. */
  NOUN: string;
  /** The first migration's timestamp (ms), as TypeORM names migrations. */
  timestamp: number;
}

const SERVICE_NAME = /^[a-z]{3,30}$/;
const FEATURE_NAME = /^[a-z][a-z-]{1,40}$/;

/**
 * Words that cannot name a table, a proto message or a GraphQL type unquoted, or that the
 * platform already uses for something else.
 */
const RESERVED = new Set([
  'user', 'order', 'group', 'table', 'select', 'check', 'grant', 'column', 'default', 'limit', 'offset', 'where', 'from', 'to', 'end', 'case',
  'reply', 'page', 'query', 'mutation', 'subscription', 'node', 'platform', 'gateway', 'tools', 'admin', 'broker', 'health', 'request', 'response',
]);

/** The platform's own applications and principals: not a new service's name. */
const TAKEN = new Set(['gateway', 'e2e', 'admin', 'tools', 'broker', 'platform', 'testing', 'contracts', 'stack', 'names']);

export function serviceNames(options: ServiceGeneratorOptions, now = Date.now()): ServiceNames {
  const name = options.name;
  if (!SERVICE_NAME.test(name)) {
    throw new Error(`A service's name is 3 to 30 lowercase letters (it names a proto package, a database and a Kafka principal): got ${JSON.stringify(name)}.`);
  }
  if (TAKEN.has(name)) throw new Error(`"${name}" is taken by the platform itself.`);
  const feature = options.feature ?? name;
  if (!FEATURE_NAME.test(feature)) throw new Error(`A feature folder is lowercase letters and hyphens: got ${JSON.stringify(feature)}.`);
  const noun = options.noun ?? singular(feature.split('-').join(''));
  if (!SERVICE_NAME.test(noun)) throw new Error(`The aggregate's noun is 3 to 30 lowercase letters (pass --noun): got ${JSON.stringify(noun)}.`);
  if (RESERVED.has(noun)) throw new Error(`"${noun}" cannot name the aggregate (a reserved word in SQL, proto or GraphQL, or the platform's own): pass another --noun.`);
  return {
    name,
    Name: capitalised(name),
    feature,
    Feature: feature.split('-').map(capitalised).join(''),
    noun,
    Noun: capitalised(noun),
    NOUN: noun.toUpperCase(),
    timestamp: now,
  };
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `practices` -> `practice`, `campaigns` -> `campaign`; `address` and `sample` stay. */
function singular(word: string): string {
  return word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}
