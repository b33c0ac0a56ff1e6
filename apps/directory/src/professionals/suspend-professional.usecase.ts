/** An admin suspends a professional (not themselves): they lose access at once, announced by ProfessionalSuspended. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import type { SuspendProfessionalCommand } from './suspend-professional.command';
import { changeProfessionalStatus } from './professional-status-change';
import type { ProfessionalWithAgency } from './professional.store';

@Injectable()
export class SuspendProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: SuspendProfessionalCommand, principal: Principal): Promise<ProfessionalWithAgency> {
    return this.dataSource.transaction((manager) => changeProfessionalStatus(manager, 'suspend', command, principal));
  }
}
