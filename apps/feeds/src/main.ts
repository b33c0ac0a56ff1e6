import 'reflect-metadata';
import { bootstrapService } from '@cpx/platform';
import { FeedsModule } from './app.module';
import { FeedsConfig } from './config/feeds.config';

void bootstrapService({
  service: 'feeds',
  configSchema: FeedsConfig,
  module: (config) => FeedsModule.forConfig(config),
});
