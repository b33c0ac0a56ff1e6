/**
 * Starts a service: validates configuration first (a bad variable stops it with the
 * variable's name), then runs the Nest microservice on Kafka with JSON logs and clean
 * shutdown on SIGTERM/SIGINT.
 */
import { ConsoleLogger, type DynamicModule, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import { loadConfig, ConfigError } from '../config/load-config';
import { PlatformConfig } from '../config/platform-config';
import { serviceTransport } from '../kafka/kafka-options';
import { serviceGroupId } from './service-platform.module';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function serviceLogger(service: string, level: PlatformConfig['LOG_LEVEL']): ConsoleLogger {
  return new ConsoleLogger(service, { json: true, logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1) });
}

export async function bootstrapService<C extends PlatformConfig>(options: {
  service: string;
  configSchema: new () => C;
  module: (config: C) => Type<unknown> | DynamicModule;
}): Promise<INestMicroservice> {
  let config: C;
  try {
    config = loadConfig(options.configSchema);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${options.service}] ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = serviceLogger(options.service, config.LOG_LEVEL);
  const app = await NestFactory.createMicroservice(
    options.module(config),
    {
      ...serviceTransport({ service: options.service, brokers: config.kafkaBrokers, security: config.kafkaSecurity, groupId: serviceGroupId(options.service) }),
      logger,
    },
  );
  app.enableShutdownHooks();
  await app.listen();
  logger.log(`${options.service} service is listening on Kafka ${config.KAFKA_BROKERS}`);
  return app;
}
