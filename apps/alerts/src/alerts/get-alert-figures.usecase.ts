/** Per-country figures for anyone with a role in CPX: counts and timings only, no alert, no child, no text (and not audited). */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { figuresByCountry, type CountryFiguresRow } from './alert-list.store';
import type { GetAlertFiguresCommand } from './get-alert-figures.command';

@Injectable()
export class GetAlertFiguresUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ since }: GetAlertFiguresCommand, principal: Principal): Promise<CountryFiguresRow[]> {
    const manager = this.dataSource.manager;
    const caller = await resolveAlertCaller(principal, manager);
    if (caller.principal.roles.length === 0) throw DomainError.forbidden('You have no role in CPX.');
    return figuresByCountry(manager, since ?? new Date(0));
  }
}
