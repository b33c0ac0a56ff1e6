/** One agency by id, for anyone with a role in CPX. */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { assertMayReadAgencies } from '../access/domain/directory-policy';
import { callerFrom } from '../access/domain/caller';
import type { GetAgencyCommand } from './get-agency.command';
import { agencyWithCaller, type AgencyRow } from './agency.store';

@Injectable()
export class GetAgencyUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: GetAgencyCommand, principal: Principal): Promise<AgencyRow> {
    // The caller and the row in one statement (agency.store.ts). The caller is still
    // judged first: a refused caller learns nothing, not even whether the agency exists.
    const { caller, agency } = await agencyWithCaller(this.dataSource.manager, principal.subject || null, command.id);
    assertMayReadAgencies(callerFrom(principal, caller));
    if (!agency) throw DomainError.notFound('Agency', command.id);
    return agency;
  }
}
