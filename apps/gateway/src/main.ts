/**
 * Starts the gateway: configuration is validated first (a bad variable stops it with the
 * variable's name, exit code 78), then the HTTP server and GraphQL endpoint start, and
 * Kafka is connected in the background. Logs are JSON; request bodies are never logged.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig, serviceLogger } from '@cpx/platform';
import { GatewayConfig } from './config/gateway.config';
import { createGatewayApp } from './gateway-app';
import { GRAPHQL_PATH } from './graphql/graphql.options';

async function main(): Promise<void> {
  let config: GatewayConfig;
  try {
    config = loadConfig(GatewayConfig);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[gateway] ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = serviceLogger('gateway', config.LOG_LEVEL);
  const app = await createGatewayApp(config, logger);
  await app.listen(config.PORT);
  logger.log(`CPX gateway ready at http://127.0.0.1:${config.PORT}${GRAPHQL_PATH}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[gateway] failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
