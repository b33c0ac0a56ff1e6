/** Who read the identity on an alert, and why: for the originating agency and for auditors. */
import { Injectable } from '@nestjs/common';
import { hasRole, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, relationTo } from '../access/domain/alert-policy';
import type { AlertIdCommand } from '../alerts/alert-id.command';
import { loadAlert } from '../alerts/alert.store';
import { entriesOfAlert } from '../audit/audit.store';
import { identityReadOf, type IdentityReadView } from './domain/identity-history';

@Injectable()
export class ListIdentityReadsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ id }: AlertIdCommand, principal: Principal): Promise<IdentityReadView[]> {
    const manager = this.dataSource.manager;
    const loaded = await loadAlert(manager, id);
    const caller = await resolveAlertCaller(principal, manager);
    const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
    assertAllowed(relation === 'originator' || hasRole(principal, 'auditor'), 'seeIdentityReads', relation);
    return (await entriesOfAlert(manager, id, ['IDENTITY_READ'])).map(identityReadOf);
  }
}
