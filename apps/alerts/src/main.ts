import 'reflect-metadata';
import { bootstrapService } from '@cpx/platform';
import { AlertsModule } from './app.module';
import { AlertsConfig } from './config/alerts.config';

void bootstrapService({
  service: 'alerts',
  configSchema: AlertsConfig,
  module: (config) => AlertsModule.forConfig(config),
});
