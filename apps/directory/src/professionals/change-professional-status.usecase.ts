import { Injectable } from '@nestjs/common';
import { assertUnreachable, DomainError, type Principal } from '@cpx/platform';
import { normalizeText } from '@cpx/names';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayManagePeopleOf } from '../access/directory-policy';
import { ProfessionalEntity } from './professional.entity';
import { recordProfessionalEvent } from './professional-events';
import { transition, type ProfessionalStatus, type StatusChange } from './professional-status';

/** Verify, suspend or reinstate a professional: their agency admin's call, or a platform admin's. */
@Injectable()
export class ChangeProfessionalStatusUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(
    id: string,
    change: StatusChange,
    options: { reason?: string; expectedVersion?: number },
    principal: Principal,
  ): Promise<ProfessionalEntity> {
    return this.dataSource.transaction(async (manager) => {
      const caller = await resolveCaller(principal, manager);
      const professional = await manager.findOne(ProfessionalEntity, {
        where: { id },
        relations: { agency: true },
        lock: { mode: 'pessimistic_write', tables: ['professional'] },
      });
      if (!professional) throw DomainError.notFound('Professional', id);
      assertMayManagePeopleOf(caller, professional.agencyId);
      if (change === 'suspend' && caller.professional?.id === id) {
        throw DomainError.forbidden('You cannot suspend yourself.');
      }
      if (options.expectedVersion !== undefined && options.expectedVersion !== professional.version) {
        throw DomainError.conflict(
          `The professional changed meanwhile (version ${professional.version}); reload and try again.`,
          'expectedVersion',
        );
      }
      const next = transition(professional.status as ProfessionalStatus, change);
      switch (next.kind) {
        case 'unchanged':
          return professional;
        case 'refused':
          throw DomainError.conflict(next.why);
        case 'change':
          break;
        default:
          assertUnreachable(next);
      }
      professional.status = next.to;
      professional.suspensionReason = change === 'suspend' ? normalizeText(options.reason ?? '') : '';
      professional.updatedAt = new Date();
      professional.version += 1;
      await manager.save(ProfessionalEntity, professional);
      const event = change === 'verify' ? 'professionalVerified' : change === 'suspend' ? 'professionalSuspended' : 'professionalReinstated';
      await recordProfessionalEvent(manager, event, professional, principal);
      return professional;
    });
  }
}
