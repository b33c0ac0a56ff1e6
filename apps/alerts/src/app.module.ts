import { Module, type DynamicModule } from '@nestjs/common';
import { SealedPayloads, ServicePlatformModule } from '@cpx/platform';
import { AcknowledgeAlertUseCase } from './alerts/acknowledge-alert.usecase';
import { AddAlertUpdateUseCase } from './alerts/add-alert-update.usecase';
import { ReportChildFoundUseCase } from './alerts/report-child-found.usecase';
import {
  AlertEntity,
  AlertRecipientEntity,
  AlertTargetEntity,
  AlertUpdateEntity,
  ChildIdentityEntity,
  IdentityGrantEntity,
  IdentityReadEntity,
} from './alerts/alert.entities';
import { AlertsHandler } from './alerts/alerts.handler';
import { EndAlertUseCase } from './alerts/end-alert.usecase';
import { FindAlertsUseCase } from './alerts/find-alerts.usecase';
import { PostAlertUseCase } from './alerts/post-alert.usecase';
import { RequestDigests } from './alerts/request-digest';
import { AlertsConfig } from './config/alerts.config';
import { CreateAlerts1764370000200 } from './database/migrations/1764370000200-create-alerts';
import { IdentityGrants1764370000300 } from './database/migrations/1764370000300-identity-grants';
import { KeyedRequestDigest1764370000400 } from './database/migrations/1764370000400-keyed-request-digest';
import { IdentityReadAudit1764370000500 } from './database/migrations/1764370000500-identity-read-audit';
import { RevocableIdentityGrants1764370000600 } from './database/migrations/1764370000600-revocable-identity-grants';
import { AlertUpdateKind1765400000500 } from './database/migrations/1765400000500-alert-update-kind';
import { DirectoryEventsHandler } from './directory-replica/directory-events.handler';
import { ReplicaAgency, ReplicaFocalPoint, ReplicaOnDutyShift, ReplicaProfessional } from './directory-replica/replica.entities';
import { AlertDeadlinesUseCase } from './escalation/alert-deadlines.usecase';
import { AlertScheduler } from './escalation/alert-scheduler';
import { HealthHandler } from './health/health.handler';
import { LiveAccessHandler } from './access/live-access.handler';
import { IdentityVault, parseMasterKeys } from './identity/identity-vault';
import { RevealIdentityUseCase } from './identity/reveal-identity.usecase';
import { SearchIdentityReadsUseCase } from './identity/search-identity-reads.usecase';

export const ALERTS_ENTITIES = [
  AlertEntity,
  AlertTargetEntity,
  AlertRecipientEntity,
  AlertUpdateEntity,
  ChildIdentityEntity,
  IdentityReadEntity,
  IdentityGrantEntity,
  ReplicaAgency,
  ReplicaProfessional,
  ReplicaFocalPoint,
  ReplicaOnDutyShift,
];

/** Cross-border alerts: post, route, acknowledge, escalate, resolve; the child's identity sealed. */
@Module({})
export class AlertsModule {
  static forConfig(config: AlertsConfig): DynamicModule {
    return {
      module: AlertsModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'alerts',
          config,
          entities: ALERTS_ENTITIES,
          migrations: [CreateAlerts1764370000200, IdentityGrants1764370000300, KeyedRequestDigest1764370000400, IdentityReadAudit1764370000500, RevocableIdentityGrants1764370000600, AlertUpdateKind1765400000500],
        }),
      ],
      controllers: [AlertsHandler, DirectoryEventsHandler, HealthHandler, LiveAccessHandler],
      providers: [
        { provide: AlertsConfig, useValue: config },
        {
          provide: SealedPayloads,
          useFactory: () => {
            if (!config.CPX_PAYLOAD_KEY) throw new Error('CPX_PAYLOAD_KEY is required: children\'s records arrive sealed with it.');
            return new SealedPayloads(config.CPX_PAYLOAD_KEY);
          },
        },
        { provide: IdentityVault, useFactory: () => new IdentityVault(parseMasterKeys(config.ALERTS_MASTER_KEYS), config.ALERTS_ACTIVE_KEY_ID) },
        { provide: RequestDigests, useFactory: () => new RequestDigests(parseMasterKeys(config.ALERTS_MASTER_KEYS), config.ALERTS_ACTIVE_KEY_ID) },
        PostAlertUseCase,
        AcknowledgeAlertUseCase,
        AddAlertUpdateUseCase,
        ReportChildFoundUseCase,
        EndAlertUseCase,
        RevealIdentityUseCase,
        SearchIdentityReadsUseCase,
        FindAlertsUseCase,
        AlertDeadlinesUseCase,
        AlertScheduler,
      ],
    };
  }
}
