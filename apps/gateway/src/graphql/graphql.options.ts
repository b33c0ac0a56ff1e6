/**
 * How the public GraphQL endpoint (`/graphql`, Apollo on Express) is configured: schema
 * built from the resolvers (code first, sorted), the error contract, the query limits,
 * graphql-ws for subscriptions, and nothing for explorers in production (no
 * introspection, no landing page). Apollo's CSRF prevention stays on: a browser cannot be
 * tricked into a "simple" cross-site request that runs an operation.
 */
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import type { BuildSchemaOptions } from '@nestjs/graphql';
import type { GatewayConfig } from '../config/gateway.config';
import type { TokenVerifier } from '../auth/token-verifier';
import { DateTimeScalar } from './date-time.scalar';
import { gatewayContext } from './gateway-context';
import { formatGraphqlError } from './graphql-errors';
import { graphqlWsOptions, ServedSchema } from './graphql-ws';
import type { RateLimits } from '../limits/rate-limits';
import { complexityLimitPlugin, maxDepthRule, oncePerOperationRule, type QueryLimits } from './query-limits';

export const GRAPHQL_PATH = '/graphql';

/** Shared with the schema file generator, so that the file is the schema the gateway serves. */
export const SCHEMA_BUILD_OPTIONS: BuildSchemaOptions = {
  dateScalarMode: 'isoDate',
  numberScalarMode: 'integer',
  // Dates through our strict DateTime, not Nest's (which took any value new Date() takes).
  scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
};

export function graphqlOptions(config: GatewayConfig, verifier: TokenVerifier, rateLimits: RateLimits): Omit<ApolloDriverConfig, 'driver'> {
  const explorable = !config.production;
  const limits = queryLimitsFrom(config);
  const served = new ServedSchema();
  const logger = new Logger('Apollo');
  return {
    path: GRAPHQL_PATH,
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: SCHEMA_BUILD_OPTIONS,
    introspection: explorable,
    graphiql: explorable,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    // Nest's HttpException translation is not used: every error goes through formatGraphqlError.
    autoTransformHttpErrors: false,
    formatError: formatGraphqlError,
    validationRules: [maxDepthRule(limits.maxDepth), oncePerOperationRule()],
    plugins: [complexityLimitPlugin(limits), served.plugin()],
    context: gatewayContext,
    subscriptions: { 'graphql-ws': graphqlWsOptions({ verifier, rateLimits, trustedProxyHops: config.HTTP_TRUSTED_PROXY_HOPS, limits, introspection: explorable, served }) },
    logger: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.log(message),
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
  };
}

export function queryLimitsFrom(config: GatewayConfig): QueryLimits {
  return { maxDepth: config.GRAPHQL_MAX_DEPTH, maxComplexity: config.GRAPHQL_MAX_COMPLEXITY, maxRoundTrips: config.GRAPHQL_MAX_ROUND_TRIPS };
}
