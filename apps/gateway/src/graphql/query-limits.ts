/**
 * Limits on what one GraphQL document may ask for, checked before any resolver runs, so
 * that a single request cannot make the gateway fan out Kafka requests without end:
 *
 * - depth: a validation rule. Every field counts, `__` ones too; an introspection field
 *   (`__schema`, `__type`) counts one level, and what lies under it has a limit of its own
 *   (INTROSPECTION_MAX_DEPTH, deep enough for the standard introspection query, no more);
 * - fields allowed once per operation (`revealAlertIdentity`, `__schema`, `__type`),
 *   aliases included: a validation rule;
 * - round trips: how many requests to services the operation would send, each field that
 *   crosses Kafka (every root field, and those marked with `serviceLookup`) times the
 *   lists above it, checked once the variables are known (a connection's list is its
 *   `first`); the gateway also counts the requests actually sent (round-trips.ts);
 * - cost: one per field, ROUND_TRIP_COST more for a field that crosses Kafka, with the
 *   same list multipliers.
 *
 * Both transports apply them: Apollo (HTTP) through `validationRules` and a plugin, the
 * graphql-ws server in its `onSubscribe` hook (graphql-ws.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator, type ComplexityEstimatorArgs } from 'graphql-query-complexity';

export const QUERY_LIMIT_CODE = 'GRAPHQL_VALIDATION_FAILED';

/** The page size the directory uses when `first` is absent (see @cpx/platform DEFAULT_PAGE_SIZE). */
const ASSUMED_PAGE_SIZE = 20;

/** What a field that sends a request to a service adds to the cost, beyond its own 1. */
export const ROUND_TRIP_COST = 10;

/**
 * How deep an introspection field may go: the standard introspection query (graphql-js
 * `getIntrospectionQuery`, nine levels of `ofType`) is 14 levels deep.
 */
export const INTROSPECTION_MAX_DEPTH = 15;

/** Fields one operation may hold once at most, however aliased. */
export const ONCE_PER_OPERATION = ['revealAlertIdentity', '__schema', '__type'] as const;

const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
  /** Requests to services one operation may send (estimated before, counted while it runs). */
  maxRoundTrips: number;
}

/**
 * The cost function of a field, as given to Nest's `complexity` option: its own cost plus
 * its children's times how many items it returns, and whether it sends a request itself.
 */
export type FieldCost = ((args: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>) => number) & {
  /** How many times the field's children are resolved. */
  readonly multiplier: (args: Record<string, unknown>) => number;
  /** Whether resolving the field sends a request to a service (root fields always do). */
  readonly crossesKafka: boolean;
};

function fieldCost(multiplier: (args: Record<string, unknown>) => number, crossesKafka: boolean): FieldCost {
  const cost = ({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>) =>
    1 + (crossesKafka ? ROUND_TRIP_COST : 0) + multiplier(args) * childComplexity;
  return Object.assign(cost, { multiplier, crossesKafka });
}

/** A connection: its children once per requested item (`first`). */
export const connectionComplexity: FieldCost = fieldCost(
  (args) => (typeof args['first'] === 'number' && args['first'] > 0 ? args['first'] : ASSUMED_PAGE_SIZE),
  false,
);

/** A list that is not paged but stays small (countries, focal points, contacts). */
export function smallListComplexity(assumedLength: number): FieldCost {
  return fieldCost(() => assumedLength, false);
}

/** A field of an object that its resolver fetches from a service, one request per parent. */
export function serviceLookup(assumedLength = 1): FieldCost {
  return fieldCost(() => assumedLength, true);
}

function isFieldCost(value: unknown): value is FieldCost {
  return typeof value === 'function' && 'multiplier' in value && 'crossesKafka' in value;
}

/** Rejects operations nested deeper than `maxDepth` fields, and introspection deeper than its own limit. */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const data = depthMeter(fragments, true);
    const whole = depthMeter(fragments, false);
    return {
      OperationDefinition(operation) {
        const name = operation.name ? `'${operation.name.value}' ` : '';
        const depth = data(operation.selectionSet);
        const introspectionLimit = Math.max(maxDepth, INTROSPECTION_MAX_DEPTH);
        const message =
          depth > maxDepth
            ? `The operation ${name}is nested ${depth} levels deep; the limit is ${maxDepth}.`
            : whole(operation.selectionSet) > introspectionLimit
              ? `The operation ${name}introspects ${whole(operation.selectionSet)} levels deep; the limit is ${introspectionLimit}.`
              : undefined;
        if (message) context.reportError(new GraphQLError(message, { nodes: [operation], extensions: { code: QUERY_LIMIT_CODE } }));
      },
    };
  };
}

/**
 * The depth of a selection set, every field counted (`__typename` too); with
 * `introspectionAsLeaf`, an introspection field counts one level whatever lies under it.
 * Each fragment's depth is computed once: fragments spreading fragments twice over must
 * not make the rule itself exponential.
 */
function depthMeter(fragments: ReadonlyMap<string, FragmentDefinitionNode>, introspectionAsLeaf: boolean) {
  const fragmentDepths = new Map<string, number>();
  const depthOf = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): number => {
    let deepest = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const leaf = introspectionAsLeaf && INTROSPECTION_FIELDS.has(selection.name.value);
        deepest = Math.max(deepest, 1 + (leaf ? 0 : depthOf(selection.selectionSet, visiting)));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, depthOf(selection.selectionSet, visiting));
      } else {
        const name = selection.name.value;
        // A cycle is reported by the standard NoFragmentCycles rule; here it must not recurse forever.
        if (visiting.has(name)) continue;
        if (!fragmentDepths.has(name)) {
          visiting.add(name);
          fragmentDepths.set(name, depthOf(fragments.get(name)?.selectionSet, visiting));
          visiting.delete(name);
        }
        deepest = Math.max(deepest, fragmentDepths.get(name) ?? 0);
      }
    }
    return deepest;
  };
  return (selectionSet: SelectionSetNode) => depthOf(selectionSet, new Set());
}

/**
 * Refuses an operation that holds one of ONCE_PER_OPERATION twice (under aliases, through
 * fragments): each reveal of a child's identity is its own request, with its own purpose,
 * and one full introspection is enough for any client. These fields are root fields, so
 * only the operation's top level (and the fragments spread there) is looked at.
 */
export function oncePerOperationRule(): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const count = (selectionSet: SelectionSetNode | undefined, counts: Map<string, number>, visiting: Set<string>): void => {
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          const name = selection.name.value;
          if ((ONCE_PER_OPERATION as readonly string[]).includes(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count(selection.selectionSet, counts, visiting);
        } else if (!visiting.has(selection.name.value)) {
          visiting.add(selection.name.value);
          count(fragments.get(selection.name.value)?.selectionSet, counts, visiting);
        }
      }
    };
    return {
      OperationDefinition(operation) {
        const counts = new Map<string, number>();
        count(operation.selectionSet, counts, new Set());
        for (const [field, times] of counts) {
          if (times <= 1) continue;
          context.reportError(
            new GraphQLError(`The operation asks for \`${field}\` ${times} times; one operation may ask for it once.`, {
              nodes: [operation],
              extensions: { code: QUERY_LIMIT_CODE },
            }),
          );
        }
      },
    };
  };
}

/** Reads a field's FieldCost (Nest keeps the `complexity` option in the field's extensions). */
function estimator(schema: GraphQLSchema, measure: 'cost' | 'roundTrips'): ComplexityEstimator {
  const roots = new Set<GraphQLCompositeType | null | undefined>([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  return ({ type, field, args, childComplexity }) => {
    const declared = field.extensions?.['complexity'];
    const cost = isFieldCost(declared) ? declared : undefined;
    const crossesKafka = (roots.has(type) && !field.name.startsWith('__')) || cost?.crossesKafka === true;
    const multiplier = cost ? cost.multiplier(args) : 1;
    if (measure === 'roundTrips') return (crossesKafka ? 1 : 0) + multiplier * childComplexity;
    const own = typeof declared === 'number' ? declared : 1;
    return own + (crossesKafka ? ROUND_TRIP_COST : 0) + multiplier * childComplexity;
  };
}

export interface OperationRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/** The estimated round trips and cost of an operation; undefined when the variables do not fit it. */
export function operationCost(request: OperationRequest): { roundTrips: number; cost: number } | undefined {
  const measure = (what: 'cost' | 'roundTrips') =>
    getComplexity({
      schema: request.schema,
      query: request.document,
      operationName: request.operationName ?? undefined,
      variables: request.variables ?? {},
      estimators: [estimator(request.schema, what)],
    });
  try {
    return { roundTrips: measure('roundTrips'), cost: measure('cost') };
  } catch {
    // getComplexity throws when the variables do not fit the operation. Execution refuses
    // such a request before any resolver runs, with the precise BAD_USER_INPUT error.
    return undefined;
  }
}

/** Returns the error to answer with when the operation would send too many requests or costs more than allowed. */
export function complexityError(limits: Pick<QueryLimits, 'maxComplexity' | 'maxRoundTrips'>, request: OperationRequest): GraphQLError | undefined {
  const estimate = operationCost(request);
  if (!estimate) return undefined;
  const refusal = (message: string) => new GraphQLError(message, { extensions: { code: QUERY_LIMIT_CODE, http: { status: 400 } } });
  if (estimate.roundTrips > limits.maxRoundTrips) {
    return refusal(
      `The operation would send up to ${estimate.roundTrips} requests to services, more than the limit of ${limits.maxRoundTrips}. Ask for fewer fields or items (first), or split it.`,
    );
  }
  if (estimate.cost > limits.maxComplexity) {
    return refusal(`The operation costs ${estimate.cost}, more than the limit of ${limits.maxComplexity}. Ask for fewer items (first) or fewer fields.`);
  }
  return undefined;
}

/** The Apollo side of the cost limits: checked once the operation and its variables are known. */
export function complexityLimitPlugin(limits: Pick<QueryLimits, 'maxComplexity' | 'maxRoundTrips'>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const error = complexityError(limits, {
            schema,
            document,
            operationName: request.operationName,
            variables: request.variables,
          });
          if (error) throw error;
        },
      };
    },
  };
}
