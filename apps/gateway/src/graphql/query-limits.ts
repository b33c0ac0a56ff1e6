/**
 * Limits on what one GraphQL document may ask for, so that a single request cannot make
 * the gateway fan out thousands of Kafka requests: a depth limit (a validation rule, so
 * it fails before anything runs) and a cost limit computed with graphql-query-complexity
 * once the variables are known (a connection's cost is multiplied by its `first`).
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
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ComplexityEstimatorArgs } from 'graphql-query-complexity';

export const QUERY_LIMIT_CODE = 'GRAPHQL_VALIDATION_FAILED';

/** The page size the directory uses when `first` is absent (see @cpx/platform DEFAULT_PAGE_SIZE). */
const ASSUMED_PAGE_SIZE = 20;

export interface QueryLimits {
  maxDepth: number;
  maxComplexity: number;
}

/** Rejects operations nested deeper than `maxDepth` fields. Introspection fields (`__schema`) do not count. */
export function maxDepthRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    // Each fragment's depth is computed once: fragments spreading fragments twice over
    // must not make this rule itself exponential.
    const fragmentDepths = new Map<string, number>();
    const depthOf = (selectionSet: SelectionSetNode | undefined, visiting: Set<string>): number => {
      let deepest = 0;
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (!selection.name.value.startsWith('__')) deepest = Math.max(deepest, 1 + depthOf(selection.selectionSet, visiting));
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
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, new Set());
        if (depth > maxDepth) {
          const name = operation.name ? `'${operation.name.value}' ` : '';
          context.reportError(
            new GraphQLError(`The operation ${name}is nested ${depth} levels deep; the limit is ${maxDepth}.`, {
              nodes: [operation],
              extensions: { code: QUERY_LIMIT_CODE },
            }),
          );
        }
      },
    };
  };
}

/**
 * The cost of a connection field: its children once per requested item. Used as the
 * `complexity` of `agencies` and `professionals`.
 */
export function connectionComplexity({ args, childComplexity }: Pick<ComplexityEstimatorArgs, 'args' | 'childComplexity'>): number {
  const first = typeof args['first'] === 'number' && args['first'] > 0 ? args['first'] : ASSUMED_PAGE_SIZE;
  return 1 + first * childComplexity;
}

/** The cost of a list that is not paged but stays small (countries, focal points, contacts). */
export function smallListComplexity(assumedLength: number) {
  return ({ childComplexity }: Pick<ComplexityEstimatorArgs, 'childComplexity'>): number => 1 + assumedLength * childComplexity;
}

/** Returns the error to answer with when the operation costs more than allowed. */
export function complexityError(
  maxComplexity: number,
  request: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variables?: Record<string, unknown> | null },
): GraphQLError | undefined {
  let complexity: number;
  try {
    complexity = getComplexity({
      schema: request.schema,
      query: request.document,
      operationName: request.operationName ?? undefined,
      variables: request.variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch {
    // getComplexity throws when the variables do not fit the operation. Execution refuses
    // such a request before any resolver runs, with the precise BAD_USER_INPUT error.
    return undefined;
  }
  if (complexity <= maxComplexity) return undefined;
  return new GraphQLError(
    `The operation costs ${complexity}, more than the limit of ${maxComplexity}. Ask for fewer items (first) or fewer fields.`,
    { extensions: { code: QUERY_LIMIT_CODE, http: { status: 400 } } },
  );
}

/** The Apollo side of the cost limit: checked once the operation and its variables are known. */
export function complexityLimitPlugin(maxComplexity: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const error = complexityError(maxComplexity, {
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
