import { Module, type DynamicModule } from '@nestjs/common';
import { parseKeyList, PayloadOpener, PayloadSealer, sealerToGateway, ServicePlatformModule } from '@cpx/platform';
import { CheckLiveAccessUseCase } from './access/check-live-access.usecase';
import { LiveAccessHandler } from './access/live-access.handler';
import { AcknowledgeAlertUseCase } from './alerts/acknowledge-alert.usecase';
import { AddAlertUpdateUseCase } from './alerts/add-alert-update.usecase';
import { AlertsHandler } from './alerts/alerts.handler';
import { RequestDigests } from './alerts/domain/request-digest';
import { EndAlertUseCase } from './alerts/end-alert.usecase';
import { GetAlertFiguresUseCase } from './alerts/get-alert-figures.usecase';
import { GetAlertUseCase } from './alerts/get-alert.usecase';
import { GetInboxUseCase } from './alerts/get-inbox.usecase';
import { PostAlertUseCase } from './alerts/post-alert.usecase';
import { ReportChildFoundUseCase } from './alerts/report-child-found.usecase';
import { SearchAlertsUseCase } from './alerts/search-alerts.usecase';
import { AuditHandler } from './audit/audit.handler';
import { CheckAuditIntegrityUseCase } from './audit/check-audit-integrity.usecase';
import { AlertsConfig } from './config/alerts.config';
import { CreateAlerts1764370000200 } from './database/migrations/1764370000200-create-alerts';
import { IdentityGrants1764370000300 } from './database/migrations/1764370000300-identity-grants';
import { KeyedRequestDigest1764370000400 } from './database/migrations/1764370000400-keyed-request-digest';
import { IdentityReadAudit1764370000500 } from './database/migrations/1764370000500-identity-read-audit';
import { RevocableIdentityGrants1764370000600 } from './database/migrations/1764370000600-revocable-identity-grants';
import { TamperEvidentAudit1765300000100 } from './database/migrations/1765300000100-tamper-evident-audit';
import { AlertUpdateKind1765400000500 } from './database/migrations/1765400000500-alert-update-kind';
import { ApplyDirectoryChangeUseCase } from './directory-replica/apply-directory-change.usecase';
import { DirectoryEventsHandler } from './directory-replica/directory-events.handler';
import { AlertScheduler } from './escalation/alert-scheduler';
import { CloseEndedAlertsUseCase } from './escalation/close-ended-alerts.usecase';
import { EraseExpiredIdentitiesUseCase } from './escalation/erase-expired-identities.usecase';
import { EscalateOverdueTargetsUseCase } from './escalation/escalate-overdue-targets.usecase';
import { HealthHandler } from './health/health.handler';
import { GrantIdentityAccessUseCase } from './identity/grant-identity-access.usecase';
import { IdentityHandler } from './identity/identity.handler';
import { IdentityVault, parseMasterKeys } from './identity/identity-vault';
import { ListIdentityGrantsUseCase } from './identity/list-identity-grants.usecase';
import { ListIdentityReadsUseCase } from './identity/list-identity-reads.usecase';
import { RevealAlertIdentityUseCase } from './identity/reveal-alert-identity.usecase';
import { RevokeIdentityAccessUseCase } from './identity/revoke-identity-access.usecase';
import { RewrapIdentityKeysUseCase } from './identity/rewrap-identity-keys.usecase';
import { SearchIdentityReadsUseCase } from './identity/search-identity-reads.usecase';

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
          // No entities: the stores (*.store.ts) write SQL, the migrations define the tables (ADR 13).
          entities: [],
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
      controllers: [AlertsHandler, IdentityHandler, AuditHandler, DirectoryEventsHandler, HealthHandler, LiveAccessHandler],
      providers: [
        { provide: AlertsConfig, useValue: config },
        // A child's record arrives sealed to this service; only it holds ALERTS_OPENING_KEYS.
        { provide: PayloadOpener, useFactory: () => PayloadOpener.create(parseKeyList(config.ALERTS_OPENING_KEYS, 'ALERTS_OPENING_KEYS'), 'ALERTS_OPENING_KEYS') },
        // A revealed record goes back sealed to the gateway.
        { provide: PayloadSealer, useFactory: () => sealerToGateway(config, 'a revealed identity goes back sealed to the gateway') },
        { provide: IdentityVault, useFactory: () => new IdentityVault(parseMasterKeys(config.ALERTS_MASTER_KEYS), config.ALERTS_ACTIVE_KEY_ID) },
        { provide: RequestDigests, useFactory: () => new RequestDigests(parseMasterKeys(config.ALERTS_MASTER_KEYS), config.ALERTS_ACTIVE_KEY_ID) },
        // alerts/
        PostAlertUseCase,
        AcknowledgeAlertUseCase,
        AddAlertUpdateUseCase,
        ReportChildFoundUseCase,
        EndAlertUseCase,
        GetAlertUseCase,
        SearchAlertsUseCase,
        GetInboxUseCase,
        GetAlertFiguresUseCase,
        // identity/
        RevealAlertIdentityUseCase,
        GrantIdentityAccessUseCase,
        RevokeIdentityAccessUseCase,
        ListIdentityGrantsUseCase,
        ListIdentityReadsUseCase,
        SearchIdentityReadsUseCase,
        RewrapIdentityKeysUseCase,
        // audit/, access/, directory-replica/
        CheckAuditIntegrityUseCase,
        CheckLiveAccessUseCase,
        ApplyDirectoryChangeUseCase,
        // escalation/: run on a timer
        EscalateOverdueTargetsUseCase,
        CloseEndedAlertsUseCase,
        EraseExpiredIdentitiesUseCase,
        AlertScheduler,
      ],
    };
  }
}
