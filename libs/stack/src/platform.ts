// The whole platform on one machine: the stack (Kafka, Postgres), every topic created
// up front, and each service as a child process, ready when the gateway says so.
// `npm start`, the e2e tests and the benchmark all start CPX through here, so what the
// tests prove is what a developer runs.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { KAFKA_SERVICES, TOPICS, type KafkaService } from '@cpx/contracts';
import { freePorts } from './free-port';
import { newLocalKeys, type LocalKeys } from './local-keys';
import { ensureServicesBuilt } from './service-build';
import { serviceProcess, waitForHttpOk, type ServiceProcess } from './service-processes';
import { elapsed, stackLog } from './stack-log';
import { startStack, type Stack } from './stack';

/**
 * Every service, in start order: the services of @cpx/contracts SERVICE_ROLES (the one list a
 * new service joins), then the gateway, last: it is ready only when the others answer.
 */
export type ServiceName = KafkaService | 'gateway';
export const SERVICES: readonly ServiceName[] = [...KAFKA_SERVICES, 'gateway'];

export interface PlatformOptions {
  /** Names the data folders and databases; `dev` for npm start, one per test suite. */
  instance: string;
  fresh?: boolean;
  /** 0 or unset picks a free port. */
  gatewayPort?: number;
  /** Where the local OIDC stand-in keeps its keys and users. */
  identityDir: string;
  mode: 'local' | 'test';
  /** Extra variables for every service (shortened timeouts in tests, ...). */
  env?: Record<string, string>;
  readyTimeoutMs?: number;
  /**
   * Run the services installed there (dist/ and a production-only node_modules/, the
   * image's layout; tools/image-check.ts) as they are. Unset: the workspace's build,
   * built first where stale.
   */
  installDir?: string;
}

export interface RunningPlatform {
  stack: Stack;
  gatewayUrl: string;
  graphqlUrl: string;
  services: Record<ServiceName, ServiceProcess>;
  /** The variables every service runs with (no keys but public ones). */
  env: Record<string, string>;
  /** The keys of this run, and which service holds which (tests and the benchmark sign as the gateway with them). */
  keys: LocalKeys;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const startedAt = Date.now();
  // Services run built: build what changed since the last build (nothing, usually) before anything starts.
  if (!options.installDir) ensureServicesBuilt(SERVICES);
  const stack = await startStack({ instance: options.instance, fresh: options.fresh, topics: TOPICS });
  try {
    const port = options.gatewayPort || (await freePorts(1))[0];
    const keys = newLocalKeys();
    const env: Record<string, string> = {
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      DATABASE_URL: stack.databaseUrl,
      CPX_MODE: options.mode,
      CPX_INSTANCE: options.instance === 'dev' ? '' : options.instance.replace(/[^a-z0-9]/gi, '_').toLowerCase(),
      CPX_LOCAL_IDENTITY_DIR: options.identityDir,
      PORT: String(port),
      LOG_LEVEL: 'log',
      ...options.env,
    };
    // Each service gets its own keys only: the feeds service, which calls partners' URLs,
    // holds nothing that opens a child's record. Beyond keys.env, the master keys of data at rest.
    const atRest: Partial<Record<ServiceName, Record<string, string>>> = {
      alerts: {
        ...keys.env.alerts,
        ALERTS_MASTER_KEYS: `local-1:${localMasterKey(options.identityDir, 'alerts-master-key', !!options.fresh)}`,
        ALERTS_ACTIVE_KEY_ID: 'local-1',
      },
      feeds: {
        ...keys.env.feeds,
        FEEDS_SECRET_KEYS: `local-1:${localMasterKey(options.identityDir, 'feeds-secret-key', !!options.fresh)}`,
        FEEDS_ACTIVE_SECRET_KEY_ID: 'local-1',
      },
    };
    const services = Object.fromEntries(
      // Each service its own keys (ADR 0009) and its own Kafka principal: the broker's ACLs decide what it may write.
      SERVICES.map((name) => [name, serviceProcess(name, { ...keys.env[name], ...atRest[name], ...env, ...stack.kafkaEnv(name) }, options.instance, options.installDir)]),
    ) as Record<ServiceName, ServiceProcess>;
    for (const name of SERVICES) services[name].start();
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const waitUntilReady = (timeoutMs = options.readyTimeoutMs ?? 90_000) =>
      waitForHttpOk(`${gatewayUrl}/ready`, timeoutMs, () =>
        SERVICES.filter((name) => !services[name].running)
          .map((name) => `\n  ${name} is not running (log: ${services[name].logFile})`)
          .join(''),
      );
    await waitUntilReady();
    stackLog(`platform "${options.instance}" ready at ${gatewayUrl}/graphql in ${elapsed(startedAt)}`);
    let stopped: Promise<void> | undefined;
    return {
      stack,
      gatewayUrl,
      graphqlUrl: `${gatewayUrl}/graphql`,
      services,
      env,
      keys,
      waitUntilReady,
      stop() {
        stopped ??= (async () => {
          await Promise.all(SERVICES.map((name) => services[name].stop()));
          await stack.stop();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

/**
 * A master key of this machine: `alerts-master-key` wraps children's identities,
 * `feeds-secret-key` seals partners' webhook secrets. It must outlive restarts (or what
 * it sealed becomes unreadable), so it is kept, readable by its owner only, beside the
 * local identity; a fresh instance gets a fresh key.
 */
function localMasterKey(identityDir: string, name: string, fresh: boolean): string {
  const file = path.join(path.dirname(identityDir), `${path.basename(identityDir)}-${name}`);
  if (!fresh && existsSync(file)) return readFileSync(file, 'utf8').trim();
  const key = randomBytes(32).toString('base64');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}
