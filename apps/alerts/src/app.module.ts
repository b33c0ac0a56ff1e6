import { Module, type DynamicModule } from '@nestjs/common';
import { parseKeyList, PayloadOpener, PayloadSealer, sealerToGateway, ServicePlatformModule } from '@cpx/platform';
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
} from './alerts/alert.entities';
import { AlertsHandler } from './alerts/alerts.handler';
import { AuditChainHeadEntity, AuditEntryEntity } from './audit/audit.entities';
import { CheckAuditIntegrityUseCase } from './audit/check-audit-integrity.usecase';
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
import { TamperEvidentAudit1765300000100 } from './database/migrations/1765300000100-tamper-evident-audit';
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
  IdentityGrantEntity,
  AuditEntryEntity,
  AuditChainHeadEntity,
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
          migrations: [
            CreateAlerts1764370000200,
            IdentityGrants1764370000300,
            KeyedRequestDigest1764370000400,
            IdentityReadAudit1764370000500,
            RevocableIdentityGrants1764370000600,
            TamperEvidentAudit1765300000100,
            AlertUpdateKind1765400000500,
          ],
          // Its connections cannot change the audit log (migration 1765300000100, ADR 0010).
          runtimeRole: true,
        }),
      ],
      controllers: [AlertsHandler, DirectoryEventsHandler, HealthHandler, LiveAccessHandler],
      providers: [
        { provide: AlertsConfig, useValue: config },
        // A child's record arrives sealed to this service; only it holds ALERTS_OPENING_KEYS.
        { provide: PayloadOpener, useFactory: () => PayloadOpener.create(parseKeyList(config.ALERTS_OPENING_KEYS, 'ALERTS_OPENING_KEYS'), 'ALERTS_OPENING_KEYS') },
        // A revealed record goes back sealed to the gateway.
        { provide: PayloadSealer, useFactory: () => sealerToGateway(config, 'a revealed identity goes back sealed to the gateway') },
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
        CheckAuditIntegrityUseCase,
        AlertDeadlinesUseCase,
        AlertScheduler,
      ],
    };
  }
}
