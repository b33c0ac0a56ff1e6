import 'reflect-metadata';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { SERVICE_ROLES } from '@cpx/contracts';
import { DomainEventsHandler } from './domain-events.handler';

// The broker lets the feeds service read only what @cpx/contracts says it consumes (kafkaAccessOf):
// a handler of another topic would be refused by the broker's ACLs.
it('consumes exactly the events topics its Kafka principal may read', () => {
  const handled = Object.getOwnPropertyNames(DomainEventsHandler.prototype)
    .flatMap((name) => (Reflect.getMetadata(PATTERN_METADATA, (DomainEventsHandler.prototype as unknown as Record<string, object>)[name]!) as string[] | undefined) ?? []);
  expect(handled.sort()).toEqual(SERVICE_ROLES.feeds.consumes.map(({ topic }) => topic).sort());
});
