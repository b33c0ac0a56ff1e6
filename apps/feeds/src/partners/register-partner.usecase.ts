/** A platform admin registers a partner organisation, optionally limited to some countries. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { mayRegisterPartners } from './partner-access';
import { insertPartner, type PartnerRow } from './partner.store';
import { requireCountries } from './subscription-input';

@Injectable()
export class RegisterPartnerUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { name: string; countries: string[] }, principal: Principal): Promise<PartnerRow> {
    if (!mayRegisterPartners(principal)) throw DomainError.forbidden('Only platform admins register partners.');
    const name = input.name.normalize('NFC').trim();
    if (name.length < 1 || name.length > 200) throw DomainError.badInput('input.name', 'input.name must be 1 to 200 characters.');
    const countries = requireCountries(input.countries, 'input.countries');
    return insertPartner(this.dataSource.manager, { id: randomUUID(), name, countries, createdBy: principal.subject });
  }
}
