/**
 * Writes domain events into the outbox inside the caller's transaction. The state
 * change and its event commit together or not at all; the relay publishes later.
 * Never publish to Kafka directly after a write: a crash in between loses the event.
 */
import { randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../database/prepared-query';

export interface EventDefinition<Desc extends DescMessage = DescMessage> {
  /** ce_type: the protobuf message's full name. */
  readonly type: string;
  readonly schema: Desc;
}

export interface PendingEvent<Desc extends DescMessage> {
  topic: string;
  event: EventDefinition<Desc>;
  /** The aggregate id: used as the record key, so one aggregate's events stay in order. */
  aggregateId: string;
  /** ce_subject, e.g. `agencies/<id>`. */
  subject: string;
  data: MessageInitShape<Desc>;
  occurredAt?: Date;
}

export async function recordEvent<Desc extends DescMessage>(
  manager: EntityManager,
  pending: PendingEvent<Desc>,
): Promise<string> {
  if (!manager.queryRunner?.isTransactionActive) {
    // An outbox row written outside the state change's transaction defeats its purpose.
    throw new Error('recordEvent must run inside the transaction that changes the state.');
  }
  const id = randomUUID();
  const payload = toBinary(pending.event.schema, create(pending.event.schema, pending.data));
  await queryPrepared(
    manager,
    `INSERT INTO cpx_outbox (id, topic, record_key, event_type, subject, occurred_at, payload)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      id,
      pending.topic,
      pending.aggregateId,
      pending.event.type,
      pending.subject,
      pending.occurredAt ?? new Date(),
      Buffer.from(payload),
    ],
  );
  return id;
}
