/**
 * One alert with its update thread, for whoever may see it (access/domain/alert-policy.ts).
 * Reading an alert's texts is recorded in the audit log (ALERT_READ) before the texts are
 * returned, in a transaction of its own, as short as an append can be; if it fails,
 * nothing is returned.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canSee, relationTo } from '../access/domain/alert-policy';
import { appendAudit } from '../audit/audit-log';
import type { AlertIdCommand } from './alert-id.command';
import { updatesOf, type AlertUpdateRow } from './alert-update.store';
import { loadAlert, type LoadedAlert } from './alert.store';

@Injectable()
export class GetAlertUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id }: AlertIdCommand, principal: Principal): Promise<{ loaded: LoadedAlert; updates: AlertUpdateRow[] }> {
    const manager = this.dataSource.manager;
    const loaded = await loadAlert(manager, id);
    const caller = await resolveAlertCaller(principal, manager);
    const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
    assertAllowed(canSee(relation), 'see', relation);
    const updates = await updatesOf(manager, id);
    await this.dataSource.transaction((transaction) =>
      appendAudit(transaction, { actorSubject: principal.subject, alertId: id, action: 'ALERT_READ', details: { relation } }),
    );
    return { loaded, updates };
  }
}
