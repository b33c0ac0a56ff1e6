/** Kafka adapter: every service's domain events into the partner feed (inbox = idempotent). */
import { Controller } from '@nestjs/common';
import { AlertsEvents, DirectoryEvents } from '@cpx/contracts';
import { HandleEvents, type ReceivedEvent } from '@cpx/platform';
import type { EntityManager } from 'typeorm';
import { RecordFeedEventUseCase } from './record-feed-event.usecase';

@Controller()
export class DomainEventsHandler {
  constructor(private readonly record: RecordFeedEventUseCase) {}

  @HandleEvents(DirectoryEvents.topic)
  async onDirectoryEvent(event: ReceivedEvent, tx: EntityManager): Promise<void> {
    await this.record.execute(event, tx);
  }

  @HandleEvents(AlertsEvents.topic)
  async onAlertEvent(event: ReceivedEvent, tx: EntityManager): Promise<void> {
    await this.record.execute(event, tx);
  }
}
