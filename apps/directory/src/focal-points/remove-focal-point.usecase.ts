/** Removing a focal point: whoever may name it may remove it; FocalPointRemoved announces it. */
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveCaller } from '../access/resolve-caller';
import { assertMayNameContactsFor } from '../access/domain/directory-policy';
import { professionalWithAgency } from '../professionals/professional.store';
import { focalPointMessage } from './contact-points.mapper';
import { deleteFocalPoint, focalPointById, type FocalPointRow } from './focal-point.store';
import type { RemoveFocalPointCommand } from './remove-focal-point.command';

@Injectable()
export class RemoveFocalPointUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(command: RemoveFocalPointCommand, principal: Principal): Promise<FocalPointRow> {
    const { id } = command;
    return this.dataSource.transaction(async (manager) => {
      const focalPoint = await focalPointById(manager, id);
      if (!focalPoint) throw DomainError.notFound('Focal point', id);
      const professional = await professionalWithAgency(manager, { id: focalPoint.professionalId });
      assertMayNameContactsFor(await resolveCaller(principal, manager), professional!.agency, focalPoint.country);
      await deleteFocalPoint(manager, id);
      const now = new Date();
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.focalPointRemoved,
        aggregateId: focalPoint.id,
        subject: `focal-points/${focalPoint.id}`,
        data: { focalPoint: focalPointMessage(focalPoint), occurredAt: timestampFromDate(now), actorSubject: principal.subject },
        occurredAt: now,
      });
      return focalPoint;
    });
  }
}
