/** An agency admin vouches for an invited professional: INVITED -> VERIFIED, announced by ProfessionalVerified. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import type { VerifyProfessionalCommand } from './verify-professional.command';
import { changeProfessionalStatus } from './professional-status-change';
import type { ProfessionalWithAgency } from './professional.store';

@Injectable()
export class VerifyProfessionalUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: VerifyProfessionalCommand, principal: Principal): Promise<ProfessionalWithAgency> {
    return this.dataSource.transaction((manager) => changeProfessionalStatus(manager, 'verify', command, principal));
  }
}
