/** A platform admin registers a partner organisation, optionally limited to some countries. */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { mayRegisterPartners } from './partner-access';
import { requireCountries } from './subscription-input';
import type { PartnerRow } from './subscription-store';

@Injectable()
export class RegisterPartnerUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { name: string; countries: string[] }, principal: Principal): Promise<PartnerRow> {
    if (!mayRegisterPartners(principal)) throw DomainError.forbidden('Only platform admins register partners.');
    const name = input.name.normalize('NFC').trim();
    if (name.length < 1 || name.length > 200) throw DomainError.badInput('input.name', 'input.name must be 1 to 200 characters.');
    const countries = requireCountries(input.countries, 'input.countries');
    const rows: PartnerRow[] = await this.dataSource.query(
      `INSERT INTO partner (id, name, countries, created_by, created_at) VALUES ($1, $2, $3, $4, now())
       RETURNING id, name, countries, created_at`,
      [randomUUID(), name, countries, principal.subject],
    );
    return rows[0];
  }
}
