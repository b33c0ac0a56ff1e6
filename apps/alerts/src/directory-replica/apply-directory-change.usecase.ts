/**
 * Applies one directory change to the routing replica, in the transaction that records
 * the event as received (the inbox). Each event carries the full state after the change,
 * so applying it is an upsert; a version check keeps an older state from overwriting a
 * newer one if events ever arrive twice or late, and refuses a version that jumps
 * (domain/replica-version.ts): logged and dead-lettered.
 */
import { Injectable } from '@nestjs/common';
import { UnappliableEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { replicaStep } from './domain/replica-version';
import {
  deleteFocalPoint,
  endShift,
  insertFocalPoint,
  insertShift,
  lockedSourceVersion,
  upsertAgency,
  upsertProfessional,
  type FocalPointRow,
  type OnDutyShiftRow,
  type ReplicaAgencyRow,
  type ReplicaProfessionalRow,
} from './replica.store';

/** What a directory event changes in the replica, decoded by directory-events.handler.ts. */
export type DirectoryChange =
  | { kind: 'agency'; agency: ReplicaAgencyRow }
  | { kind: 'professional'; professional: ReplicaProfessionalRow }
  | { kind: 'focalPointAssigned'; focalPoint: FocalPointRow }
  | { kind: 'focalPointRemoved'; id: string }
  | { kind: 'shiftScheduled'; shift: OnDutyShiftRow }
  | { kind: 'shiftEnded'; shift: OnDutyShiftRow };

@Injectable()
export class ApplyDirectoryChangeUseCase {
  async execute(change: DirectoryChange, manager: EntityManager): Promise<void> {
    switch (change.kind) {
      case 'agency':
        if (await mayApply(manager, 'replica_agency', `agency ${change.agency.id}`, change.agency.id, change.agency.sourceVersion)) {
          await upsertAgency(manager, change.agency);
        }
        return;
      case 'professional': {
        const { professional } = change;
        if (await mayApply(manager, 'replica_professional', `professional ${professional.id}`, professional.id, professional.sourceVersion)) {
          await upsertProfessional(manager, professional);
        }
        return;
      }
      case 'focalPointAssigned':
        return insertFocalPoint(manager, change.focalPoint);
      case 'focalPointRemoved':
        return deleteFocalPoint(manager, change.id);
      case 'shiftScheduled':
        return insertShift(manager, change.shift);
      case 'shiftEnded':
        return endShift(manager, change.shift);
    }
  }
}

/**
 * Whether the state of that version is the next one to apply (the row stays locked until
 * the transaction ends). A version that jumps throws: the event is dead-lettered and the
 * replica keeps what it had.
 */
async function mayApply(
  manager: EntityManager,
  table: 'replica_agency' | 'replica_professional',
  what: string,
  id: string,
  version: bigint,
): Promise<boolean> {
  const current = await lockedSourceVersion(manager, table, id);
  const step = replicaStep(current, version);
  if (step === 'jump') throw new UnappliableEvent(`${what}: version ${version} does not follow ${current} (only ${current! + 1n} does)`);
  return step === 'apply';
}
