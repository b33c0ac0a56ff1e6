/** A platform admin registers a partner organisation, optionally limited to some countries. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { mayRegisterPartners } from './domain/partner-access';
import { insertPartner, type PartnerRow } from './partner.store';
import type { RegisterPartnerCommand } from './register-partner.command';

@Injectable()
export class RegisterPartnerUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: RegisterPartnerCommand, principal: Principal): Promise<PartnerRow> {
    if (!mayRegisterPartners(principal)) throw DomainError.forbidden('Only platform admins register partners.');
    return insertPartner(this.dataSource.manager, { id: randomUUID(), name: command.name, countries: command.countries, createdBy: principal.subject });
  }
}
