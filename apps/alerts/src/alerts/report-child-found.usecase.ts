/**
 * A target country reports the child found: an entry of kind CHILD_FOUND on the update
 * thread, with its note, and AlertUpdateAdded (kind CHILD_FOUND), which the originator
 * sees live. Only the recipients' side reports; only the originating agency resolves,
 * and this is what proposes it. The alert's status does not change.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { AddAlertUpdateUseCase } from './add-alert-update.usecase';
import type { AlertUpdateRow } from './alert-update.store';
import type { ReportChildFoundCommand } from './report-child-found.command';

@Injectable()
export class ReportChildFoundUseCase {
  constructor(private readonly addUpdate: AddAlertUpdateUseCase) {}

  execute({ id, note }: ReportChildFoundCommand, principal: Principal): Promise<AlertUpdateRow> {
    return this.addUpdate.execute({ id, text: note, kind: 'CHILD_FOUND' }, principal);
  }
}
