/** An admin reinstates a suspended professional: SUSPENDED -> VERIFIED, announced by ProfessionalReinstated. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import type { ReinstateProfessionalCommand } from './reinstate-professional.command';
import { changeProfessionalStatus } from './professional-status-change';
import type { ProfessionalWithAgency } from './professional.store';

@Injectable()
export class ReinstateProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: ReinstateProfessionalCommand, principal: Principal): Promise<ProfessionalWithAgency> {
    return this.dataSource.transaction((manager) => changeProfessionalStatus(manager, 'reinstate', command, principal));
  }
}
