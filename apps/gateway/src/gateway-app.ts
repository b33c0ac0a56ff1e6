/**
 * Creates the gateway application from a validated configuration; `main.ts` runs it and
 * the tests build the same application with a fake RequestClient. What runs before
 * Apollo mounts is set up here: the admission of a request from its headers (rate limits,
 * the token; limits/request-admission.ts), body parsing with a limit above the largest
 * valid input (an oversized field must reach input validation, BAD_USER_INPUT naming the
 * field, instead of dying as a bare 413), and the operation's size and round-trip count.
 */
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { TokenVerifier } from './auth/token-verifier';
import type { GatewayConfig } from './config/gateway.config';
import { GRAPHQL_PATH } from './graphql/graphql.options';
import { RateLimits } from './limits/rate-limits';
import { admitRequest, measureOperation, type AdmissionSettings } from './limits/request-admission';

export async function createGatewayApp(config: GatewayConfig, logger: LoggerService): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config), { logger, bodyParser: false });
  prepareGatewayApp(app, config);
  return app;
}

export function prepareGatewayApp(app: NestExpressApplication, config: GatewayConfig): void {
  const settings: AdmissionSettings = {
    trustedProxyHops: config.HTTP_TRUSTED_PROXY_HOPS,
    anonymousBodyLimitBytes: config.HTTP_ANONYMOUS_BODY_LIMIT_BYTES,
    maxDocumentBytes: config.GRAPHQL_MAX_DOCUMENT_BYTES,
    maxRoundTrips: config.GRAPHQL_MAX_ROUND_TRIPS,
  };
  // Before the body is read: the address's rate limit, the token, the user's rate limit.
  app.use(GRAPHQL_PATH, admitRequest(app.get(TokenVerifier), app.get(RateLimits), settings));
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  // Before GraphQL parses it: the operation's size; then its count of requests to services.
  app.use(GRAPHQL_PATH, measureOperation(settings));
  app.disable('x-powered-by');
  // Express would hash every response body into an ETag; no GraphQL client revalidates a
  // POST with it, and the hash was a measurable share of a read's CPU at the gateway.
  app.set('etag', false);
  app.enableShutdownHooks();
}
