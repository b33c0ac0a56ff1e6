/**
 * What every service gets from the platform, wired once: its own database (created and
 * migrated on start), the outbox relay, and the request/event adapters configured with
 * the validated configuration. A service's AppModule imports
 * `ServicePlatformModule.forService({...})` and injects DataSource where it needs it.
 */
import { DynamicModule, Injectable, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { EntitySchema, MigrationInterface } from 'typeorm';
import { DataSource } from 'typeorm';
import { PlatformConfig } from '../config/platform-config';
import { databaseUrl, openServiceDatabase, type EntityClass } from '../database/service-database';
import { CreateMessagingTables1764370000000 } from '../outbox/messaging-tables.migration';
import { OutboxRelay } from '../outbox/outbox-relay';
import { configureRequestHandling } from '../kafka/handle-request.decorator';
import { closeEventHandling, configureEventHandling } from '../kafka/handle-event.decorator';
import { parseKeyList } from '../crypto/key-list';

export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** The URL of the service's own database, for a dedicated connection (LISTEN). */
export const SERVICE_DATABASE_URL = Symbol('SERVICE_DATABASE_URL');

export interface ServicePlatformOptions {
  /** Short name: `directory` -> database `cpx_directory`, ce_source `/cpx/directory`. */
  service: string;
  config: PlatformConfig;
  entities: (EntityClass | EntitySchema)[];
  migrations: (new () => MigrationInterface)[];
  /**
   * Act at runtime as the role `<database>_runtime`, which the service's migrations
   * create (see `runtimeRoleName`); migrations run as the configured user.
   */
  runtimeRole?: boolean;
}

/** The role a service's connections act as when it asks for one: per database, since roles are cluster-wide. */
export function runtimeRoleName(database: string): string {
  return `${database}_runtime`;
}

export function serviceDatabaseName(service: string, config: PlatformConfig): string {
  return config.CPX_INSTANCE ? `cpx_${config.CPX_INSTANCE}_${service}` : `cpx_${service}`;
}

export function serviceGroupId(service: string): string {
  return `cpx-${service}`;
}

@Injectable()
class RelayLifecycle implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly dataSource: DataSource,
  ) {}
  onApplicationBootstrap(): void {
    this.relay.start();
  }
  async onModuleDestroy(): Promise<void> {
    await this.relay.stop();
    await closeEventHandling();
    await this.dataSource.destroy();
  }
}

@Module({})
export class ServicePlatformModule {
  static forService(options: ServicePlatformOptions): DynamicModule {
    const { config, service } = options;
    const database = serviceDatabaseName(service, config);
    configureRequestHandling({ principalVerifyKeys: parseKeyList(config.CPX_PRINCIPAL_VERIFY_KEYS, 'CPX_PRINCIPAL_VERIFY_KEYS') });
    return {
      module: ServicePlatformModule,
      global: true,
      providers: [
        { provide: PlatformConfig, useValue: config },
        { provide: SERVICE_NAME, useValue: service },
        { provide: SERVICE_DATABASE_URL, useValue: databaseUrl(config.DATABASE_URL, database) },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = await openServiceDatabase({
              serverUrl: config.DATABASE_URL,
              database,
              entities: options.entities,
              migrations: [CreateMessagingTables1764370000000, ...options.migrations],
              runtimeRole: options.runtimeRole ? runtimeRoleName(database) : undefined,
            });
            configureEventHandling({
              dataSource,
              brokers: config.kafkaBrokers,
              security: config.kafkaSecurity,
              clientId: `cpx-${service}`,
              groupId: serviceGroupId(service),
            });
            return dataSource;
          },
        },
        {
          provide: OutboxRelay,
          useFactory: () =>
            new OutboxRelay({
              databaseUrl: databaseUrl(config.DATABASE_URL, database),
              brokers: config.kafkaBrokers,
              security: config.kafkaSecurity,
              source: `/cpx/${service}`,
              clientId: `cpx-${service}-outbox`,
            }),
        },
        RelayLifecycle,
      ],
      exports: [PlatformConfig, SERVICE_NAME, SERVICE_DATABASE_URL, DataSource, OutboxRelay],
    };
  }
}
