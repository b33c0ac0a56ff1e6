// The directory read the benchmark times (one agency by id), as each layer sees it: the
// public GraphQL query at the gateway; the same request from the platform's own
// RequestClient straight to the directory (no HTTP, no GraphQL); and the agency row
// read from the directory's database with plain `pg`. Each call checks that it got the
// agency asked for, so an error path can never pass for a fast read.
import { randomUUID } from 'node:crypto';
import { DirectoryRequests, REPLY_TOPICS } from '@cpx/contracts';
import { databaseUrl, PlatformConfig, RequestClient, serviceDatabaseName, type Principal } from '@cpx/platform';
import type { RunningPlatform } from '@cpx/stack';
import { gatewayKeysOf, graphql } from '@cpx/testing';
import { Pool } from 'pg';
import type { Call } from './load-runner';

const REGISTER_AGENCY = /* GraphQL */ `
  mutation Register($input: RegisterAgencyInput!) { registerAgency(input: $input) { id } }`;
export const AGENCY_QUERY = /* GraphQL */ `query Agency($id: ID!) { agency(id: $id) { id name country } }`;
const REQUEST_TIMEOUT_MS = 5_000;

export interface Target {
  call: Call;
  close(): Promise<void>;
}

/** Registers `count` agencies through GraphQL as a platform admin; returns their ids. */
export async function seedAgencies(graphqlUrl: string, adminToken: string, count: number): Promise<string[]> {
  const run = randomUUID().slice(0, 8);
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const response = await graphql<{ registerAgency: { id: string } }>(
      graphqlUrl,
      REGISTER_AGENCY,
      {
        input: {
          // Names are unique per country: a run id keeps reruns on kept data apart.
          name: `Bench agency ${run} ${index + 1}`,
          type: 'CHILD_PROTECTION_AUTHORITY',
          country: 'RS',
          locality: 'Нови Сад',
          languages: ['sr-Cyrl', 'en'],
          contacts: [{ kind: 'PHONE', value: '+381 21 000 000', label: '24/7' }],
        },
      },
      adminToken,
    );
    const id = response.data?.registerAgency.id;
    if (!id) throw new Error(`registerAgency failed (HTTP ${response.status}): ${JSON.stringify(response.errors)}`);
    ids.push(id);
  }
  return ids;
}

/** (b) What a browser does: POST the query to the gateway (fetch keeps the connection alive). */
export function gatewayRead(graphqlUrl: string, token: string, ids: string[]): Target {
  return {
    async call(index) {
      const id = ids[index % ids.length]!;
      const response = await graphql<{ agency: { id: string } | null }>(graphqlUrl, AGENCY_QUERY, { id }, token);
      if (response.data?.agency?.id !== id) throw new Error(`agency(${id}): HTTP ${response.status} ${JSON.stringify(response.errors)}`);
    },
    close: async () => undefined,
  };
}

/** The HTTP floor: the gateway's /health, the same server stack with no GraphQL, auth or Kafka. */
export function healthRead(gatewayUrl: string): Target {
  return {
    async call() {
      const response = await fetch(`${gatewayUrl}/health`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`/health: HTTP ${response.status}`);
    },
    close: async () => undefined,
  };
}

/**
 * The gateway's path minus HTTP and GraphQL: GetAgency sent by a RequestClient, as the
 * resolver sends it (signed principal, protobuf, Nest's Kafka transport), answered by
 * the directory with its caller lookup and row read.
 */
export async function requestClientRead(platform: RunningPlatform, principal: Principal, ids: string[]): Promise<Target> {
  const requests = await connectRequestClient(platform);
  return {
    async call(index) {
      const id = ids[index % ids.length]!;
      const { agency } = await requests.send(DirectoryRequests.getAgency, { id }, principal);
      if (agency?.id !== id) throw new Error(`GetAgency(${id}) answered another agency`);
    },
    close: () => requests.close(),
  };
}

/**
 * The same transport with almost no work behind it: the directory's HealthCheck runs one
 * `SELECT 1`. Against GetAgency it shows what the read's own work costs; against the raw
 * echo, what Nest's Kafka transport and the principal signature cost.
 */
export async function requestClientHealth(platform: RunningPlatform, principal: Principal): Promise<Target> {
  const requests = await connectRequestClient(platform);
  return {
    async call() {
      const { databaseOk } = await requests.send(DirectoryRequests.healthCheck, {}, principal);
      if (!databaseOk) throw new Error('the directory reports its database unreachable');
    },
    close: () => requests.close(),
  };
}

async function connectRequestClient(platform: RunningPlatform): Promise<RequestClient> {
  const requests = new RequestClient({
    brokers: platform.stack.kafkaBrokers,
    security: platform.stack.kafkaSecurity('tools'),
    // Replies come to the group's own partitions: one group per client, as per gateway.
    groupId: `cpx-bench-requests-${randomUUID()}`,
    clientId: 'cpx-bench',
    // The bench signs as the gateway, with the gateway's key of this run.
    principalSigner: (await gatewayKeysOf(platform.keys)).signer,
    timeoutMs: REQUEST_TIMEOUT_MS,
    replyTopic: REPLY_TOPICS.tools,
  });
  await requests.connect();
  return requests;
}

/** `cpx_bench_directory` for instance `bench`: the name the directory itself derives. */
export function databaseOf(platform: RunningPlatform): string {
  const config = Object.assign(new PlatformConfig(), { CPX_INSTANCE: platform.env['CPX_INSTANCE'] ?? '' });
  return serviceDatabaseName('directory', config);
}

/**
 * (c) The agency row straight from the directory's database. The database name follows
 * the services' own rule (serviceDatabaseName over the CPX_INSTANCE the platform set).
 * A pool as wide as the most callers in flight, as the directory's own TypeORM pool is.
 */
export function postgresRead(platform: RunningPlatform, ids: string[], connections: number): Target {
  const database = databaseOf(platform);
  const pool = new Pool({ connectionString: databaseUrl(platform.stack.databaseUrl, database), max: connections });
  // An idle connection that Postgres drops (on stop, or a Ctrl-C reaching it first) is
  // reported on the pool; unheard, that event would crash the benchmark mid-shutdown.
  // Errors of the reads themselves still reach the caller.
  pool.on('error', () => undefined);
  return {
    async call(index) {
      const id = ids[index % ids.length]!;
      const { rows } = await pool.query<{ id: string }>('SELECT id, name, country FROM agency WHERE id = $1', [id]);
      if (rows[0]?.id !== id) throw new Error(`agency ${id} not found in ${database}`);
    },
    close: () => pool.end(),
  };
}
