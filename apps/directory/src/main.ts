import 'reflect-metadata';
import { bootstrapService } from '@cpx/platform';
import { DirectoryModule } from './app.module';
import { DirectoryConfig } from './config/directory.config';

void bootstrapService({
  service: 'directory',
  configSchema: DirectoryConfig,
  module: (config) => DirectoryModule.forConfig(config),
});
