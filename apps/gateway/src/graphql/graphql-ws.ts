/**
 * The graphql-ws (`graphql-transport-ws`) side of the API, for live subscriptions: the
 * socket is authenticated at `connection_init` (`{ authorization: 'Bearer <token>' }`),
 * every operation is checked against the same query limits as HTTP, and errors follow the
 * same public contract. One socket holds at most MAX_OPERATIONS_PER_SOCKET operations at
 * once, and one user at most MAX_SOCKETS_PER_SUBJECT sockets: each live subscription
 * keeps a read loop and a page buffer in this process, so one token must not be able to
 * open thousands. A connection takes a token from its address's and its user's rate-limit
 * buckets, and each operation from its user's (limits/rate-limits.ts); a query or mutation
 * sent over the socket counts its requests to services as an HTTP one does.
 *
 * graphql-ws runs outside Apollo's request pipeline, which is why the limits and the
 * error formatting are applied here explicitly rather than inherited.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import {
  execute,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type Context, type ServerOptions } from 'graphql-ws';
import { isDomainError } from '@cpx/platform';
import { bearerToken } from '../auth/bearer-token';
import type { TokenVerifier } from '../auth/token-verifier';
import { clientAddress } from '../limits/client-address';
import type { Admission, RateLimits } from '../limits/rate-limits';
import { withinRoundTrips } from '../limits/round-trips';
import type { SocketExtra } from './gateway-context';
import { formatGraphqlError, RequestLimitError } from './graphql-errors';
import { complexityError, maxDepthRule, oncePerOperationRule, type QueryLimits } from './query-limits';

/** 1013 "Try again later": unlike 44xx codes, graphql-ws clients retry it. */
const TRY_AGAIN_LATER = 1013;

/**
 * Operations open at once on one socket. A client follows a feed or two (its partner
 * feed, the alerts it may see); ten leaves room for retries overlapping a completion.
 */
export const MAX_OPERATIONS_PER_SOCKET = 10;

/**
 * Connections open at once, per signed-in user, in one gateway process: the cap per
 * socket would mean little if one token could open sockets without end. A user works
 * from a few tabs and devices; past this, the new connection is refused, not the old ones.
 */
export const MAX_SOCKETS_PER_SUBJECT = 20;

/** 1008 "Policy Violation": the client should not simply retry. */
const POLICY_VIOLATION = 1008;

/** How many sockets each subject holds open in this process. */
class OpenSockets {
  private readonly bySubject = new Map<string, number>();

  /** Counts the socket in, and out again when it closes; false when the subject is at the cap. */
  admit(subject: string, socket: SocketExtra['socket']): boolean {
    const open = this.bySubject.get(subject) ?? 0;
    if (open >= MAX_SOCKETS_PER_SUBJECT) return false;
    this.bySubject.set(subject, open + 1);
    socket.once('close', () => {
      const left = (this.bySubject.get(subject) ?? 1) - 1;
      if (left > 0) this.bySubject.set(subject, left);
      else this.bySubject.delete(subject);
    });
    return true;
  }
}

/**
 * The executable schema is built by Nest after these options are read; Apollo hands it to
 * its plugins when it starts, which is before the first socket can connect.
 */
export class ServedSchema {
  schema: GraphQLSchema | undefined;

  plugin(): ApolloServerPlugin {
    return {
      serverWillStart: async ({ schema }) => {
        this.schema = schema;
      },
    };
  }
}

export function graphqlWsOptions(options: {
  verifier: TokenVerifier;
  rateLimits: RateLimits;
  trustedProxyHops: number;
  limits: QueryLimits;
  introspection: boolean;
  served: ServedSchema;
}): GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'execute'> {
  const rules = [
    ...specifiedRules,
    maxDepthRule(options.limits.maxDepth),
    oncePerOperationRule(),
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const openSockets = new OpenSockets();

  return {
    // Queries and mutations sent over the socket count their requests to services as
    // HTTP ones do; subscriptions (the default `subscribe`) run as long as they are open.
    execute: (args: ExecutionArgs) => withinRoundTrips(options.limits.maxRoundTrips, () => execute(args)),

    onConnect: async (ctx: Context) => {
      // Nest types `extra` as unknown; with the ws server it is { socket, request }.
      const extra = ctx.extra as SocketExtra;
      const byAddress = await options.rateLimits.forAddress(clientAddress(extra.request, options.trustedProxyHops));
      if (!byAddress.allowed) return refuse(extra, TRY_AGAIN_LATER, retryLater(byAddress));
      const token = bearerToken(ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization']);
      if (!token) return refuse(extra, CloseCode.Unauthorized, 'Unauthorized');
      try {
        extra.authentication = await options.verifier.verify(token);
      } catch (error) {
        return isDomainError(error) && error.code === 'SERVICE_UNAVAILABLE'
          ? refuse(extra, TRY_AGAIN_LATER, 'Try again later')
          : refuse(extra, CloseCode.Unauthorized, 'Unauthorized');
      }
      const byUser = await options.rateLimits.forUser(extra.authentication.principal.subject);
      if (!byUser.allowed) return refuse(extra, TRY_AGAIN_LATER, retryLater(byUser));
      if (!openSockets.admit(extra.authentication.principal.subject, extra.socket)) {
        return refuse(extra, POLICY_VIOLATION, `At most ${MAX_SOCKETS_PER_SUBJECT} connections per user`);
      }
      return true;
    },

    onSubscribe: async (ctx, _id, payload) => {
      // graphql-ws enters an operation in ctx.subscriptions before this hook, and removes
      // it when it completes or is refused: this one is already counted.
      if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_SOCKET) return [tooManyOperations()];
      const subject = (ctx.extra as SocketExtra).authentication?.principal.subject;
      if (subject !== undefined) {
        const byUser = await options.rateLimits.forUser(subject);
        if (!byUser.allowed) return [rateLimited(byUser)];
      }
      const schema = options.served.schema;
      if (!schema) return [new GraphQLError('The server is starting.', { extensions: { code: 'SERVICE_UNAVAILABLE' } })];
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [queryError(error, 'GRAPHQL_PARSE_FAILED')];
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) return invalid.map((error) => queryError(error, 'GRAPHQL_VALIDATION_FAILED'));
      const tooCostly = complexityError(options.limits, {
        schema,
        document,
        operationName: payload.operationName,
        variables: payload.variables,
      });
      if (tooCostly) return [queryError(tooCostly, 'GRAPHQL_VALIDATION_FAILED')];
      return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
    },

    onNext: (_ctx, _id, _payload, _args, result: ExecutionResult) => {
      if (!result.errors) return result;
      return { ...result, errors: result.errors.map((error) => formatGraphqlError(error.toJSON(), withRequestCode(error))) };
    },
  };
}

/**
 * Returning false alone would close with 4403 Forbidden; a missing or bad token is
 * 4401 Unauthorized, and the socket is closed with that code first.
 */
function refuse(extra: SocketExtra, code: number, reason: string): false {
  extra.socket.close(code, reason);
  return false;
}

/** The close reason of a connection refused by a rate limit (at most 123 bytes). */
function retryLater(admission: Admission): string {
  return `Rate limited: retry after ${admission.allowed ? 1 : admission.retryAfterSeconds} s`;
}

/** An operation refused by the user's rate limit; the socket and its other operations go on. */
function rateLimited(admission: Admission): GraphQLError {
  const retryAfterSeconds = admission.allowed ? 1 : admission.retryAfterSeconds;
  const limit = new RequestLimitError('RATE_LIMITED', `Too many operations: try again in ${retryAfterSeconds} s.`, retryAfterSeconds);
  return new GraphQLError(limit.message, { extensions: limit.extensions() });
}

/** Refuses the operation alone: those already open on the socket go on. */
function tooManyOperations(): GraphQLError {
  return new GraphQLError(
    `This connection already has ${MAX_OPERATIONS_PER_SOCKET} operations open, the most one connection may: complete one before starting another.`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

/** A query error as Apollo would have coded it, carrying nothing but message and location. */
function queryError(error: unknown, code: string): GraphQLError {
  const source = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(source?.message ?? 'The query could not be read.', {
    nodes: source?.nodes,
    source: source?.source,
    positions: source?.positions,
    extensions: { code },
  });
}

/** graphql-js reports bad variables without a code; Apollo calls them BAD_USER_INPUT. */
function withRequestCode(error: GraphQLError): GraphQLError {
  if (error.path || error.originalError || error.extensions['code']) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: { code: 'BAD_USER_INPUT' } });
}
