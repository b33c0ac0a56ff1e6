/**
 * Keeps the routing replica up to date from the directory's events. Each event carries
 * the full state after the change, so applying it is an upsert; a version check keeps
 * an older state from overwriting a newer one if events ever arrive twice or late, and
 * refuses a version that jumps (domain/replica-version.ts): logged and dead-lettered.
 */
import { Controller } from '@nestjs/common';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, DirectoryEvents, VerificationStatus, type Agency, type OnDutyShift, type Professional } from '@cpx/contracts';
import { HandleEvents, UnappliableEvent, type ReceivedEvent } from '@cpx/platform';
import { replicaStep } from './domain/replica-version';
import type { EntityManager } from 'typeorm';

const { types } = DirectoryEvents;

@Controller()
export class DirectoryEventsHandler {
  @HandleEvents(DirectoryEvents.topic)
  async onDirectoryEvent(event: ReceivedEvent, tx: EntityManager): Promise<void> {
    const agency = event.as(types.agencyRegistered)?.agency ?? event.as(types.agencyUpdated)?.agency;
    if (agency) return upsertAgency(tx, agency);

    const professional =
      event.as(types.professionalRegistered)?.professional ??
      event.as(types.professionalUpdated)?.professional ??
      event.as(types.professionalVerified)?.professional ??
      event.as(types.professionalSuspended)?.professional ??
      event.as(types.professionalReinstated)?.professional;
    if (professional) return upsertProfessional(tx, professional);

    const assigned = event.as(types.focalPointAssigned)?.focalPoint;
    if (assigned) {
      await tx.query(
        `INSERT INTO replica_focal_point (id, country, alert_kind, professional_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING`,
        [assigned.id, assigned.country, alertKindName(assigned.alertKind), assigned.professionalId],
      );
      return;
    }
    const removed = event.as(types.focalPointRemoved)?.focalPoint;
    if (removed) {
      await tx.query(`DELETE FROM replica_focal_point WHERE id = $1`, [removed.id]);
      return;
    }
    const shift = event.as(types.onDutyScheduled)?.shift;
    if (shift?.startsAt && shift.endsAt) {
      await tx.query(
        `INSERT INTO replica_on_duty_shift (id, professional_id, country, alert_kind, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        shiftRow(shift, shift.startsAt, shift.endsAt),
      );
      return;
    }
    const ended = event.as(types.onDutyEnded)?.shift;
    if (ended?.startsAt && ended.endsAt) {
      // The earlier end wins, whichever event comes last: a shift once ended never routes
      // again. Inserted if its OnDutyScheduled never arrived, so that one, late, changes nothing.
      await tx.query(
        `INSERT INTO replica_on_duty_shift (id, professional_id, country, alert_kind, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET ends_at = LEAST(replica_on_duty_shift.ends_at, EXCLUDED.ends_at)`,
        shiftRow(ended, ended.startsAt, ended.endsAt),
      );
      return;
    }
    // Other directory events carry nothing routing needs. CountryRegistered among them: a
    // country becomes a target here with its first agency (post-alert.usecase.ts), which
    // AgencyRegistered brings, so a state that joins needs no release of this service either.
  }
}

function shiftRow(shift: OnDutyShift, startsAt: Timestamp, endsAt: Timestamp): unknown[] {
  return [shift.id, shift.professionalId, shift.country, alertKindName(shift.alertKind), timestampDate(startsAt), timestampDate(endsAt)];
}

/** The directory's "every kind" (0) is stored as ANY, as in the directory itself. */
export function alertKindName(kind: AlertKind): string {
  return kind === AlertKind.UNSPECIFIED ? 'ANY' : AlertKind[kind];
}

async function upsertAgency(tx: EntityManager, agency: Agency): Promise<void> {
  if (!(await mayApply(tx, 'replica_agency', `agency ${agency.id}`, agency.id, agency.version))) return;
  await tx.query(
    `INSERT INTO replica_agency (id, country, type, source_version) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET country = $2, type = $3, source_version = $4`,
    [agency.id, agency.country, AgencyType[agency.type], agency.version.toString()],
  );
}

async function upsertProfessional(tx: EntityManager, professional: Professional): Promise<void> {
  if (!(await mayApply(tx, 'replica_professional', `professional ${professional.id}`, professional.id, professional.version))) return;
  await tx.query(
    `INSERT INTO replica_professional (id, agency_id, subject, status, source_version) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET agency_id = $2, subject = $3, status = $4, source_version = $5`,
    [professional.id, professional.agencyId, professional.subject ?? null, VerificationStatus[professional.status], professional.version.toString()],
  );
}

/**
 * Whether the state of that version is the next one to apply. The row is locked until the
 * transaction ends, so two instances never both apply it. A version that jumps throws:
 * the event is dead-lettered and the replica keeps what it had.
 */
async function mayApply(
  tx: EntityManager,
  table: 'replica_agency' | 'replica_professional',
  what: string,
  id: string,
  version: bigint,
): Promise<boolean> {
  const rows = (await tx.query(`SELECT source_version::text AS version FROM ${table} WHERE id = $1 FOR UPDATE`, [id])) as { version: string }[];
  const current = rows[0] ? BigInt(rows[0].version) : undefined;
  const step = replicaStep(current, version);
  if (step === 'jump') throw new UnappliableEvent(`${what}: version ${version} does not follow ${current} (only ${current! + 1n} does)`);
  return step === 'apply';
}
