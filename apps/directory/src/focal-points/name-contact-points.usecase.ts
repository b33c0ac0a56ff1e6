/**
 * Naming who answers for a country: national focal points (standing, per alert kind)
 * and on-duty shifts (time windows). Only verified professionals can be named: these
 * are the people alerts about children are routed to.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryEvents } from '@cpx/contracts';
import { DomainError, recordEvent, type Principal } from '@cpx/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { resolveCaller } from '../access/caller';
import { assertMayNameContactsFor } from '../access/directory-policy';
import { assertKnownCountry } from '../countries/countries';
import { ProfessionalEntity } from '../professionals/professional.entity';
import { FocalPointEntity, OnDutyShiftEntity } from './focal-point.entity';
import { focalPointMessage, shiftMessage } from './contact-points.mapper';

const MAX_SHIFT_MS = 31 * 24 * 3_600_000;

const INSERT_FOCAL_POINT = `
  INSERT INTO focal_point (id, country, alert_kind, professional_id, created_at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (country, alert_kind, professional_id) DO NOTHING
  RETURNING id`;

/**
 * Stores a focal point unless the same person is already named for the same country and
 * kind, and gives back the one stored. Two admins naming the same person at once both
 * get that one: a check before a plain INSERT cannot see the other's uncommitted row, and
 * the INSERT would then fail on the unique constraint; here the second waits for the
 * first to commit and skips (or inserts, if the first rolled back).
 */
export async function insertFocalPointOnce(
  manager: EntityManager,
  focalPoint: FocalPointEntity,
): Promise<{ focalPoint: FocalPointEntity; inserted: boolean }> {
  const { id, country, alertKind, professionalId, createdAt } = focalPoint;
  const rows: unknown[] = await manager.query(INSERT_FOCAL_POINT, [id, country, alertKind, professionalId, createdAt]);
  if (rows.length > 0) return { focalPoint, inserted: true };
  const existing = await manager.findOneBy(FocalPointEntity, { country, alertKind, professionalId });
  // Removed between the skipped insert and this read: rare enough to ask for a retry.
  if (!existing) throw DomainError.conflict('The focal point was removed meanwhile; try again.', 'input.professionalId');
  return { focalPoint: existing, inserted: false };
}

@Injectable()
export class NameContactPointsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async assignFocalPoint(
    input: { country: string; alertKind: string; professionalId: string },
    principal: Principal,
  ): Promise<FocalPointEntity> {
    return this.dataSource.transaction(async (manager) => {
      const professional = await this.nameable(manager, input.professionalId, input.country, principal);
      const { focalPoint, inserted } = await insertFocalPointOnce(
        manager,
        manager.create(FocalPointEntity, {
          id: randomUUID(),
          country: input.country,
          alertKind: input.alertKind,
          professionalId: professional.id,
          createdAt: new Date(),
        }),
      );
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

  async removeFocalPoint(id: string, principal: Principal): Promise<FocalPointEntity> {
    return this.dataSource.transaction(async (manager) => {
      const focalPoint = await manager.findOneBy(FocalPointEntity, { id });
      if (!focalPoint) throw DomainError.notFound('Focal point', id);
      const professional = await manager.findOne(ProfessionalEntity, {
        where: { id: focalPoint.professionalId },
        relations: { agency: true },
      });
      assertMayNameContactsFor(await resolveCaller(principal, manager), professional!.agency!, focalPoint.country);
      await manager.delete(FocalPointEntity, { id });
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

  async scheduleOnDuty(
    input: { professionalId: string; country: string; alertKind: string; startsAt: Date; endsAt: Date },
    principal: Principal,
  ): Promise<OnDutyShiftEntity> {
    if (!(input.endsAt > input.startsAt)) throw DomainError.badInput('input.endsAt', 'A shift must end after it starts.');
    if (input.endsAt.getTime() - input.startsAt.getTime() > MAX_SHIFT_MS) {
      throw DomainError.badInput('input.endsAt', 'A shift lasts at most 31 days.');
    }
    if (input.endsAt.getTime() <= Date.now()) throw DomainError.badInput('input.endsAt', 'The shift is already over.');
    return this.dataSource.transaction(async (manager) => {
      const professional = await this.nameable(manager, input.professionalId, input.country, principal);
      const shift = manager.create(OnDutyShiftEntity, { id: randomUUID(), ...input, professionalId: professional.id });
      await manager.insert(OnDutyShiftEntity, shift);
      const now = new Date();
      await recordEvent(manager, {
        topic: DirectoryEvents.topic,
        event: DirectoryEvents.types.onDutyScheduled,
        aggregateId: shift.id,
        subject: `on-duty-shifts/${shift.id}`,
        data: { shift: shiftMessage(shift), occurredAt: timestampFromDate(now), actorSubject: principal.subject },
        occurredAt: now,
      });
      return shift;
    });
  }

  private async nameable(
    manager: EntityManager,
    professionalId: string,
    country: string,
    principal: Principal,
  ): Promise<ProfessionalEntity> {
    const caller = await resolveCaller(principal, manager);
    await assertKnownCountry(manager, country, 'input.country');
    const professional = await manager.findOne(ProfessionalEntity, { where: { id: professionalId }, relations: { agency: true } });
    if (!professional) throw DomainError.notFound('Professional', professionalId);
    assertMayNameContactsFor(caller, professional.agency!, country);
    if (professional.status !== 'VERIFIED') {
      throw DomainError.conflict('Only a verified professional can be named to receive alerts.', 'input.professionalId');
    }
    return professional;
  }
}
