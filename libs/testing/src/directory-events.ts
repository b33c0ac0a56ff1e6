/**
 * Publishes directory events onto the real topic, exactly as the directory's outbox relay
 * would (CloudEvents headers, protobuf payload, aggregate id as key): lets a service that
 * consumes the directory be tested without running the directory.
 */
import { randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { AgencyType, AlertKind, DirectoryEvents, VerificationStatus } from '@cpx/contracts';
import { cloudEventHeaders, type EventDefinition } from '@cpx/platform';
import type { KafkaConnection } from '@cpx/stack';
import { Kafka, logLevel, type Producer } from 'kafkajs';

export class DirectoryFixture {
  private constructor(private readonly producer: Producer) {}

  /** As the principal of `connection`: the stack's tools principal, which may write the directory's topic in tests. */
  static async connect(connection: KafkaConnection): Promise<DirectoryFixture> {
    const producer = new Kafka({ clientId: 'cpx-test-directory', ...connection, logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    return new DirectoryFixture(producer);
  }

  /**
   * Publishes one event and returns its ce_id. `source` other than the directory's stands
   * for a forgery that got past the broker (a principal with too wide an ACL).
   */
  async publish<Desc extends DescMessage>(
    event: EventDefinition<Desc>,
    key: string,
    data: MessageInitShape<Desc>,
    options: { source?: string } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.producer.send({
      topic: DirectoryEvents.topic,
      acks: -1,
      messages: [
        {
          key,
          value: Buffer.from(toBinary(event.schema, create(event.schema, data))),
          headers: cloudEventHeaders({ id, source: options.source ?? DirectoryEvents.source, type: event.type, time: new Date(), subject: key }),
        },
      ],
    });
    return id;
  }

  async agency(country: string, type = AgencyType.CHILD_PROTECTION_AUTHORITY): Promise<string> {
    const id = randomUUID();
    await this.publish(DirectoryEvents.types.agencyRegistered, id, { agency: { id, name: `Agency ${country}`, country, type, version: 1n } });
    return id;
  }

  /** A professional of the agency; verified unless told otherwise. Returns id and subject. */
  async professional(agencyId: string, status = VerificationStatus.VERIFIED): Promise<{ id: string; subject: string }> {
    const id = randomUUID();
    const subject = `pro-${id}`;
    await this.publish(DirectoryEvents.types.professionalVerified, id, {
      professional: { id, agencyId, givenName: 'Test', familyName: 'Professional', status, subject, version: 2n },
    });
    return { id, subject };
  }

  async suspend(professional: { id: string; subject: string }, agencyId: string): Promise<void> {
    await this.publish(DirectoryEvents.types.professionalSuspended, professional.id, {
      professional: { id: professional.id, agencyId, status: VerificationStatus.SUSPENDED, subject: professional.subject, version: 3n },
    });
  }

  async focalPoint(country: string, professionalId: string, kind = AlertKind.UNSPECIFIED): Promise<string> {
    const id = randomUUID();
    await this.publish(DirectoryEvents.types.focalPointAssigned, id, { focalPoint: { id, country, alertKind: kind, professionalId } });
    return id;
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}
