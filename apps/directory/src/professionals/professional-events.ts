/** Every change to a professional leaves as an event carrying the full, non-sensitive state. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryEvents } from '@cpx/contracts';
import { recordEvent, type EventDefinition, type Principal } from '@cpx/platform';
import type { ProfessionalRegisteredSchema } from '@cpx/contracts';
import type { EntityManager } from 'typeorm';
import { professionalMessage, type ProfessionalRead } from './professional.mapper';

type ProfessionalEvent =
  | 'professionalRegistered'
  | 'professionalUpdated'
  | 'professionalVerified'
  | 'professionalSuspended'
  | 'professionalReinstated';

export async function recordProfessionalEvent(
  manager: EntityManager,
  which: ProfessionalEvent,
  professional: ProfessionalRead,
  principal: Principal,
): Promise<void> {
  await recordEvent(manager, {
    topic: DirectoryEvents.topic,
    // Every professional event has the same shape: { professional, occurred_at, actor_subject }.
    event: DirectoryEvents.types[which] as EventDefinition as EventDefinition<typeof ProfessionalRegisteredSchema>,
    aggregateId: professional.id,
    subject: `professionals/${professional.id}`,
    data: {
      professional: professionalMessage(professional),
      occurredAt: timestampFromDate(professional.updatedAt),
      actorSubject: principal.subject,
    },
    occurredAt: professional.updatedAt,
  });
}
