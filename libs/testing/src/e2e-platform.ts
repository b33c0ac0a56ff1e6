/**
 * The whole platform for an e2e suite: stack, topics, every service as a process, and
 * the local identity to mint tokens for any principal. Each suite gets its own instance
 * (own broker, database and ports), so suites that break things break only their own.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { issueLocalToken, type Role } from '@cpx/platform';
import { startPlatform, type RunningPlatform } from '@cpx/stack';
import { graphql, type GraphQLResponse } from './graphql-client';

export interface E2ePlatform extends RunningPlatform {
  identityDir: string;
  token(claims: { sub?: string; roles: Role[]; country?: string; agency?: string; partner?: string }, ttl?: string | number): Promise<string>;
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is read loosely
}

/**
 * The gateway's rate limits lifted: suites poll (waitFor) and sweep the schema from one
 * token and one address, far faster than a person. The limits themselves are tested
 * through the gateway's HTTP server (apps/gateway/src/limits).
 */
export const UNLIMITED_RATES = {
  RATE_LIMIT_USER_PER_SECOND: '1000000',
  RATE_LIMIT_USER_BURST: '10000000',
  RATE_LIMIT_ADDRESS_PER_SECOND: '1000000',
  RATE_LIMIT_ADDRESS_BURST: '10000000',
} as const;

export async function startE2ePlatform(instance: string, env: Record<string, string> = {}): Promise<E2ePlatform> {
  const identityDir = path.join(__dirname, '..', '..', '..', '.cache', 'identity', instance);
  const platform = await startPlatform({
    instance,
    fresh: true,
    identityDir,
    mode: 'test',
    env: { CPX_REQUEST_TIMEOUT_MS: '3000', LOG_LEVEL: 'warn', ...UNLIMITED_RATES, ...env },
  });
  return Object.assign(platform, {
    identityDir,
    token: (claims: { sub?: string; roles: Role[]; country?: string; agency?: string; partner?: string }, ttl: string | number = '1h') =>
      issueLocalToken(
        identityDir,
        {
          sub: claims.sub ?? `user-${randomUUID()}`,
          roles: claims.roles,
          ...(claims.country ? { cpx_country: claims.country } : {}),
          ...(claims.agency ? { cpx_agency: claims.agency } : {}),
          ...(claims.partner ? { cpx_partner: claims.partner } : {}),
        },
        ttl,
      ),
    query: <T,>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
      graphql<T>(platform.graphqlUrl, query, variables, token),
  });
}
