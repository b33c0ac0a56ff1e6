/**
 * Creates the gateway application from a validated configuration; `main.ts` runs it and
 * the tests build the same application with a fake RequestClient. Body parsing is set up
 * here, before Apollo mounts, with a limit above the largest valid input: an oversized
 * field must reach input validation (BAD_USER_INPUT naming the field) instead of dying
 * as a bare 413.
 */
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { GatewayConfig } from './config/gateway.config';

export async function createGatewayApp(config: GatewayConfig, logger: LoggerService): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.with(config), { logger, bodyParser: false });
  prepareGatewayApp(app, config);
  return app;
}

export function prepareGatewayApp(app: NestExpressApplication, config: GatewayConfig): void {
  app.useBodyParser('json', { limit: config.HTTP_BODY_LIMIT });
  app.disable('x-powered-by');
  // Express would hash every response body into an ETag; no GraphQL client revalidates a
  // POST with it, and the hash was a measurable share of a read's CPU at the gateway.
  app.set('etag', false);
  app.enableShutdownHooks();
}
