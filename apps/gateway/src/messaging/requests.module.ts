/**
 * The gateway's one RequestClient, shared by every resolver (through ServiceClient) and the
 * readiness probe.
 *
 * Its consumer group is unique per gateway process because replies come back to the
 * partitions the requesting instance owns: two gateways sharing a group would steal each
 * other's replies. Kafka may start after the gateway, so the client connects in the
 * background, retrying until Kafka answers; `/ready` reports not ready meanwhile.
 */
import { Global, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { REPLY_TOPICS, SERVICE_ROLES } from '@cpx/contracts';
import { parseKeyList, PrincipalSigner, RequestClient } from '@cpx/platform';
import { GatewayConfig } from '../config/gateway.config';
import { countingRoundTrips } from '../limits/round-trips';
import { ServiceClient } from './service.client';

/**
 * Every service behind the gateway, by name, with its operations: the platform's one list
 * (@cpx/contracts SERVICE_ROLES). `/ready` asks each one's health check.
 */
export const GATEWAY_SERVICES = Object.fromEntries(Object.entries(SERVICE_ROLES).map(([name, role]) => [name, role.requests])) as {
  readonly [Name in keyof typeof SERVICE_ROLES]: (typeof SERVICE_ROLES)[Name]['requests'];
};

const RETRY_DELAY_MS = 2_000;

@Injectable()
export class RequestsConnection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RequestsConnection');
  private connected = false;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(RequestClient) private readonly requests: RequestClient) {}

  get isConnected(): boolean {
    return this.connected;
  }

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.requests.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    try {
      await this.requests.connect();
      this.connected = true;
      this.logger.log('Connected to Kafka.');
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`Kafka is not answering yet (${(error as Error).message}); retrying in ${RETRY_DELAY_MS} ms.`);
      this.retryTimer = setTimeout(() => void this.connect(), RETRY_DELAY_MS);
    }
  }
}

@Global()
@Module({
  providers: [
    {
      provide: RequestClient,
      inject: [GatewayConfig],
      // Counting: one GraphQL operation sends at most GRAPHQL_MAX_ROUND_TRIPS requests.
      useFactory: (config: GatewayConfig) =>
        countingRoundTrips(
          new RequestClient({
          brokers: config.kafkaBrokers,
          security: config.kafkaSecurity,
          groupId: gatewayGroupId(),
          clientId: 'cpx-gateway',
          principalSigner: new PrincipalSigner(parseKeyList(config.GATEWAY_PRINCIPAL_SIGNING_KEYS, 'GATEWAY_PRINCIPAL_SIGNING_KEYS'), config.GATEWAY_PRINCIPAL_SIGNING_KEY_ID),
          timeoutMs: config.CPX_REQUEST_TIMEOUT_MS,
            replyTopic: REPLY_TOPICS.gateway,
          }),
        ),
    },
    RequestsConnection,
    ServiceClient,
  ],
  exports: [RequestClient, RequestsConnection, ServiceClient],
})
export class RequestsModule {}

/** Unique per process, so several gateways (and restarts on one host) never share replies. */
export function gatewayGroupId(): string {
  return `cpx-gateway-${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-');
}
