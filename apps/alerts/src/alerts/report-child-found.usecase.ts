/**
 * A target country reports the child found: an entry of kind CHILD_FOUND on the update
 * thread, with its note, and AlertUpdateAdded (kind CHILD_FOUND), which the originator
 * sees live. Only the recipients' side reports; only the originating agency resolves,
 * and this is what proposes it. The alert's status does not change.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { AddAlertUpdateUseCase } from './add-alert-update.usecase';
import type { AlertUpdateEntity } from './alert.entities';

@Injectable()
export class ReportChildFoundUseCase {
  constructor(private readonly addUpdate: AddAlertUpdateUseCase) {}

  execute(id: string, note: string, principal: Principal): Promise<AlertUpdateEntity> {
    return this.addUpdate.execute(id, { text: note, kind: 'CHILD_FOUND' }, principal);
  }
}
