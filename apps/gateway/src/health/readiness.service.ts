/**
 * Whether this gateway can serve: Kafka answers an admin request, the request client is
 * connected, and every service answers its health check with a working database. Each
 * check is bounded so that `/ready` answers within a few seconds even when Kafka is gone.
 * The health checks carry the gateway's own system principal, never a user's.
 */
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { DescMessage } from '@bufbuild/protobuf';
import type { HealthCheckResponseSchema, RequestOperation } from '@cpx/contracts';
import { kafkaClientConfig, RequestClient, type Principal } from '@cpx/platform';
import { GatewayConfig } from '../config/gateway.config';
import { GATEWAY_SERVICES, RequestsConnection } from '../messaging/requests.module';

export const CHECK_TIMEOUT_MS = 2_000;

export const SYSTEM_PRINCIPAL: Principal = { subject: 'system:gateway', roles: [] };

/** Every service behind the gateway, by name (services are added to GATEWAY_SERVICES). */
export const SERVICE_HEALTH_CHECKS: Record<string, RequestOperation<DescMessage, typeof HealthCheckResponseSchema>> = Object.fromEntries(
  Object.entries(GATEWAY_SERVICES).map(([name, operations]) => [name, operations.healthCheck]),
);

export interface Readiness {
  ready: boolean;
  /** `ok`, or why not, per part: `kafka`, `requests`, and one entry per service. */
  checks: Record<string, string>;
}

@Injectable()
export class ReadinessService implements OnApplicationShutdown {
  private admin: Promise<Admin> | undefined;

  constructor(
    @Inject(GatewayConfig) private readonly config: GatewayConfig,
    @Inject(RequestClient) private readonly requests: RequestClient,
    private readonly connection: RequestsConnection,
  ) {}

  async check(): Promise<Readiness> {
    const [kafka, ...services] = await Promise.all([
      this.checkKafka(),
      ...Object.entries(SERVICE_HEALTH_CHECKS).map(async ([name, operation]) => [name, await this.checkService(operation)] as const),
    ]);
    const checks: Record<string, string> = {
      kafka,
      requests: this.connection.isConnected ? 'ok' : 'connecting to Kafka',
      ...Object.fromEntries(services),
    };
    return { ready: Object.values(checks).every((status) => status === 'ok'), checks };
  }

  async onApplicationShutdown(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((connected) => connected.disconnect()).catch(() => undefined);
  }

  private async checkKafka(): Promise<string> {
    try {
      const admin = await within(this.connectedAdmin(), 'Kafka did not answer');
      await within(admin.describeCluster(), 'Kafka did not answer');
      return 'ok';
    } catch (error) {
      // Start afresh next time: a half-open admin connection is not worth reusing.
      const admin = this.admin;
      this.admin = undefined;
      void admin?.then((stale) => stale.disconnect()).catch(() => undefined);
      return reasonOf(error);
    }
  }

  private async checkService(operation: RequestOperation<DescMessage, typeof HealthCheckResponseSchema>): Promise<string> {
    if (!this.connection.isConnected) return 'not checked: not connected to Kafka yet';
    try {
      const health = await within(this.requests.send(operation, {}, SYSTEM_PRINCIPAL), 'no answer');
      return health.databaseOk ? 'ok' : 'database unreachable';
    } catch (error) {
      return reasonOf(error);
    }
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= (async () => {
      const kafka = new Kafka({
        ...kafkaClientConfig('cpx-gateway-readiness', this.config.kafkaBrokers, this.config.kafkaSecurity),
        // A probe must fail fast, not retry for minutes like a service client, and its
        // failures are reported by /ready, not logged on every probe.
        retry: { retries: 0 },
        logLevel: logLevel.NOTHING,
        connectionTimeout: CHECK_TIMEOUT_MS,
        requestTimeout: CHECK_TIMEOUT_MS,
      });
      const admin = kafka.admin();
      await admin.connect();
      return admin;
    })();
    return this.admin;
  }
}

function within<T>(promise: Promise<T>, timeoutMessage: string): Promise<T> {
  // The losing promise may still settle later; nobody is left to hear it.
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${timeoutMessage} within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
