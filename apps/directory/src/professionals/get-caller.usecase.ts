/**
 * Who the caller is to the directory: their own record, whatever its status but
 * suspended (FORBIDDEN, as for every operation), or null when they have none. Read
 * without its agency, as every operation reads the caller (access/caller.ts).
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import type { ProfessionalRow } from './professional.store';

@Injectable()
export class GetCallerUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<ProfessionalRow | null> {
    const { professional } = await resolveCaller(principal, this.dataSource.manager);
    return professional;
  }
}
