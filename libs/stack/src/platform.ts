// The whole platform on one machine: the stack (Kafka, Postgres), every topic created
// up front, and each service as a child process, ready when the gateway says so.
// `npm start`, the e2e tests and the benchmark all start CPX through here, so what the
// tests prove is what a developer runs.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TOPICS } from '@cpx/contracts';
import { freePorts } from './free-port';
import { serviceProcess, waitForHttpOk, type ServiceProcess } from './service-processes';
import { elapsed, stackLog } from './stack-log';
import { startStack, type Stack } from './stack';

/** Every service, in start order. The gateway last: it is ready only when the others answer. */
export const SERVICES = ['directory', 'alerts', 'feeds', 'gateway'] as const;
export type ServiceName = (typeof SERVICES)[number];

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
}

export interface RunningPlatform {
  stack: Stack;
  gatewayUrl: string;
  graphqlUrl: string;
  services: Record<ServiceName, ServiceProcess>;
  /** The variables the services run with (secrets included: tests sign with them). */
  env: Record<string, string>;
  waitUntilReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const startedAt = Date.now();
  const stack = await startStack({ instance: options.instance, fresh: options.fresh, topics: TOPICS });
  try {
    const port = options.gatewayPort || (await freePorts(1))[0];
    const env: Record<string, string> = {
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      DATABASE_URL: stack.databaseUrl,
      CPX_PRINCIPAL_SIGNING_KEY: randomBytes(32).toString('base64url'),
      CPX_PAYLOAD_KEY: randomBytes(32).toString('base64'),
      CPX_MODE: options.mode,
      CPX_INSTANCE: options.instance === 'dev' ? '' : options.instance.replace(/[^a-z0-9]/gi, '_').toLowerCase(),
      CPX_LOCAL_IDENTITY_DIR: options.identityDir,
      PORT: String(port),
      LOG_LEVEL: 'log',
      ALERTS_MASTER_KEYS: `local-1:${localMasterKey(options.identityDir, 'alerts-master-key', !!options.fresh)}`,
      ALERTS_ACTIVE_KEY_ID: 'local-1',
      FEEDS_SECRET_KEYS: `local-1:${localMasterKey(options.identityDir, 'feeds-secret-key', !!options.fresh)}`,
      FEEDS_ACTIVE_SECRET_KEY_ID: 'local-1',
      ...options.env,
    };
    const services = Object.fromEntries(
      // Each service as its own Kafka principal: the broker's ACLs decide what it may write.
      SERVICES.map((name) => [name, serviceProcess(name, { ...env, ...stack.kafkaEnv(name) }, options.instance)]),
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
