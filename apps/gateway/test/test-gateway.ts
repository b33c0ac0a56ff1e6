/**
 * The real gateway application (config, guard, pipes, Apollo, formatters, limits) with
 * its Kafka side replaced by FakeRequests and a throw-away local identity, for unit
 * tests through real HTTP and for printing the schema without a broker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { JWTPayload } from 'jose';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import { issueLocalToken, loadConfig, parseKeyList, PayloadOpener, PayloadSealer, RequestClient } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';
import { AlertEventsConsumer } from '../src/alerts/live/alert-events.consumer';
import { AppModule } from '../src/app.module';
import { GatewayConfig } from '../src/config/gateway.config';
import { prepareGatewayApp } from '../src/gateway-app';
import { countingRoundTrips } from '../src/limits/round-trips';
import { RequestsConnection } from '../src/messaging/requests.module';
import { FakeRequests } from './fake-requests';

export interface TestGateway {
  app: NestExpressApplication;
  config: GatewayConfig;
  requests: FakeRequests;
  /** http://127.0.0.1:<port>, when started with `listen`. */
  url: string;
  identityDir: string;
  token(claims?: JWTPayload, ttl?: string | number): Promise<string>;
  /** POSTs one operation to /graphql and returns the HTTP status and parsed body. */
  graphql(query: string, options?: { variables?: Record<string, unknown>; token?: string | null }): Promise<{ status: number; body: GraphqlBody }>;
  close(): Promise<void>;
}

export interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export const TEST_CLAIMS: JWTPayload = { sub: 'user-1', roles: ['professional'], cpx_country: 'RS', cpx_agency: 'agency-1' };

/** The keys of test gateways (fresh each run), and what fake services hold of them. */
const testKeys = newLocalKeys('test-1');
const keyList = (holder: 'gateway' | 'alerts', variable: string) => parseKeyList(testKeys.env[holder][variable]!, variable);

/** What the services behind a test gateway hold: the alerts service's opening key, the gateway's public key. */
export const testServices = {
  /** Seals as a service does for the gateway (a revealed identity, a new webhook secret). */
  async sealToGateway<Desc extends DescMessage>(schema: Desc, message: MessageInitShape<Desc>, context: string): Promise<Uint8Array> {
    const sealer = await PayloadSealer.create(keyList('alerts', 'CPX_GATEWAY_SEALING_KEYS'), 'test-1', 'CPX_GATEWAY_SEALING_KEYS');
    return sealer.seal(schema, message, context);
  },
  /** Opens as the alerts service does what the gateway sealed to it. */
  async openAsAlerts<Desc extends DescMessage>(schema: Desc, sealed: Uint8Array, context: string, field: string): Promise<MessageShape<Desc>> {
    return (await PayloadOpener.create(keyList('alerts', 'ALERTS_OPENING_KEYS'), 'ALERTS_OPENING_KEYS')).open(schema, sealed, context, field);
  },
  /** The gateway's sealer to the alerts service, as its module makes it. */
  sealerToAlerts: () => PayloadSealer.create(keyList('gateway', 'GATEWAY_ALERTS_SEALING_KEYS'), 'test-1', 'GATEWAY_ALERTS_SEALING_KEYS'),
};

export async function startTestGateway(
  options: { env?: Record<string, string>; requests?: FakeRequests; listen?: boolean } = {},
): Promise<TestGateway> {
  const identityDir = await mkdtemp(path.join(tmpdir(), 'cpx-gateway-test-'));
  const config = loadConfig(GatewayConfig, {
    KAFKA_BROKERS: '127.0.0.1:9',
    ...testKeys.env.gateway,
    CPX_MODE: 'test',
    CPX_LOCAL_IDENTITY_DIR: identityDir,
    ...options.env,
  });
  const requests = options.requests ?? new FakeRequests();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.with(config)] })
    .overrideProvider(RequestClient)
    .useValue(countingRoundTrips(requests))
    .overrideProvider(RequestsConnection)
    .useValue({ isConnected: true })
    // No Kafka consumer for the live feed: tests publish to AlertChanges directly.
    .overrideProvider(AlertEventsConsumer)
    .useValue({ isRunning: true })
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  prepareGatewayApp(app, config);
  let url = '';
  if (options.listen ?? true) {
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  } else {
    await app.init();
  }

  const token = (claims: JWTPayload = TEST_CLAIMS, ttl: string | number = '5m') => issueLocalToken(identityDir, claims, ttl);
  const defaultToken = await token();

  return {
    app,
    config,
    requests,
    url,
    identityDir,
    token,
    async graphql(query, { variables, token: bearer = defaultToken } = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphqlBody };
    },
    async close() {
      await app.close();
      await rm(identityDir, { recursive: true, force: true });
    },
  };
}
