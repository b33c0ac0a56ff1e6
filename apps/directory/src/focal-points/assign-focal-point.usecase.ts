/**
 * Naming a national focal point: who receives alerts of a kind for a country, standing.
 * Naming the same person again for the same country and kind changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryEvents } from '@cpx/contracts';
import { recordEvent, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import type { AssignFocalPointCommand } from './assign-focal-point.command';
import { focalPointMessage } from './contact-points.mapper';
import { insertFocalPointOnce, type FocalPointRow } from './focal-point.store';
import { nameableProfessional } from './nameable-professional';

@Injectable()
export class AssignFocalPointUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: AssignFocalPointCommand, principal: Principal): Promise<FocalPointRow> {
    return this.dataSource.transaction(async (manager) => {
      const professional = await nameableProfessional(manager, command.professionalId, command.country, principal);
      const { focalPoint, inserted } = await insertFocalPointOnce(manager, {
        id: randomUUID(),
        country: command.country,
        alertKind: command.alertKind,
        professionalId: professional.id,
        createdAt: new Date(),
      });
      if (!inserted) return focalPoint; // naming the same person twice changes nothing
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.focalPointAssigned,
        aggregateId: focalPoint.id,
        subject: `focal-points/${focalPoint.id}`,
        data: { focalPoint: focalPointMessage(focalPoint), occurredAt: timestampFromDate(focalPoint.createdAt), actorSubject: principal.subject },
        occurredAt: focalPoint.createdAt,
      });
      return focalPoint;
    });
  }
}
