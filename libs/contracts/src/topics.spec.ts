import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { create, fromBinary, toBinary, type DescFile } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import * as contracts from './index';
import { KAFKA_SERVICES } from './kafka-access';
import {
  AgencyRegisteredSchema,
  AgencyType,
  ContactKind,
  DirectoryEvents,
  DirectoryRequests,
  REPLY_TOPICS,
  REQUEST_TOPICS,
  TOPICS,
  requestOperationNamed,
  file_cpx_directory_v1_events,
  file_cpx_directory_v1_requests,
} from './index';

const topicNames = TOPICS.map((entry) => entry.topic);
const partitionsOf = (topic: string) => TOPICS.find((entry) => entry.topic === topic)?.partitions;

describe('topic registry', () => {
  it('has no duplicate topics', () => {
    expect(new Set(topicNames).size).toBe(topicNames.length);
  });

  it.each(Object.entries(DirectoryRequests))('sends %s to the directory\'s one request topic, under its own name', (_name, operation) => {
    expect(operation.topic).toBe('cpx.directory.v1.requests');
    expect(operation.name).toMatch(/^cpx\.directory\.v1\.[A-Z]\w+$/);
    expect(requestOperationNamed(operation.name)).toBe(operation);
  });

  it('lists one request topic per service, of six partitions each, and no topic per operation', () => {
    expect([...REQUEST_TOPICS].sort()).toEqual(expect.arrayContaining(['cpx.alerts.v1.requests', 'cpx.directory.v1.requests', 'cpx.feeds.v1.requests']));
    // Those three and one per service added since (SERVICE_ROLES): nothing else.
    expect([...REQUEST_TOPICS].sort()).toEqual(KAFKA_SERVICES.map((service) => `cpx.${service}.v1.requests`).sort());
    expect(REQUEST_TOPICS.map(partitionsOf)).toEqual(REQUEST_TOPICS.map(() => 6));
    expect(topicNames.filter((topic) => /\.[A-Z]\w+$/.test(topic))).toEqual([]);
  });

  it('has one operation per name across services', () => {
    expect(requestOperationNamed('cpx.alerts.v1.PostAlert')?.topic).toBe('cpx.alerts.v1.requests');
    expect(requestOperationNamed('cpx.directory.v1.NoSuchThing')).toBeUndefined();
  });

  it('lists one reply topic per calling application, of one partition each', () => {
    // One: every caller instance reads its application's replies whole (see REPLY_TOPICS).
    expect(Object.values(REPLY_TOPICS).map(partitionsOf)).toEqual([1, 1]);
    expect(topicNames.filter((topic) => /repl(y|ies)$/.test(topic)).sort()).toEqual(['cpx.gateway.v1.replies', 'cpx.tools.v1.replies']);
  });

  it('lists the events topic and its dead-letter topic', () => {
    expect(partitionsOf(DirectoryEvents.topic)).toBe(6);
    expect(partitionsOf(`${DirectoryEvents.topic}.dlq`)).toBe(1);
  });

  it.each(Object.entries(DirectoryEvents.types))('gives %s its protobuf full name as ce_type', (_name, eventType) => {
    expect(eventType.type).toBe(eventType.schema.typeName);
    expect(eventType.type).toMatch(/^cpx\.directory\.v1\.[A-Z]\w+$/);
  });

  it('registers every event message of events.proto', () => {
    const registered = Object.values(DirectoryEvents.types).map((eventType) => eventType.type);
    const declared = file_cpx_directory_v1_events.messages.map((message) => message.typeName);
    expect([...registered].sort()).toEqual([...declared].sort());
  });

  it('has an operation for every request message of requests.proto', () => {
    const operations = Object.values(DirectoryRequests).map((operation) => operation.request.typeName);
    const declared = file_cpx_directory_v1_requests.messages
      .map((message) => message.typeName)
      .filter((typeName) => typeName.endsWith('Request'));
    expect(operations).toEqual(expect.arrayContaining(declared));
  });
});

describe('index', () => {
  it('re-exports every generated file', async () => {
    const genRoot = join(__dirname, 'gen');
    const exportedFiles = new Set(
      Object.values(contracts).filter((value): value is DescFile => (value as DescFile)?.kind === 'file'),
    );
    const generated = listFiles(genRoot).filter((path) => path.endsWith('_pb.ts'));
    expect(generated.length).toBeGreaterThan(0);
    for (const path of generated) {
      const module = (await import(path)) as Record<string, unknown>;
      const fileDescriptor = Object.values(module).find((value) => (value as DescFile)?.kind === 'file');
      expect({ file: relative(genRoot, path), exported: exportedFiles.has(fileDescriptor as DescFile) }).toEqual({
        file: relative(genRoot, path),
        exported: true,
      });
    }
  });
});

describe('event encoding', () => {
  it('round-trips an event through the wire format', () => {
    const occurredAt = timestampFromDate(new Date('2025-03-01T08:30:00Z'));
    const event = create(AgencyRegisteredSchema, {
      agency: {
        id: '0195a1c2-7d3e-7000-8000-000000000001',
        name: 'Центар за социјални рад Београд',
        type: AgencyType.CHILD_PROTECTION_AUTHORITY,
        country: 'RS',
        locality: 'Београд',
        languages: ['sr-Cyrl', 'sr-Latn'],
        contacts: [{ kind: ContactKind.PHONE, value: '+381111234567', label: '24/7' }],
        createdAt: occurredAt,
        updatedAt: occurredAt,
        version: 1n,
      },
      occurredAt,
      actorSubject: 'f3a9c1d0-admin',
    });

    const decoded = fromBinary(AgencyRegisteredSchema, toBinary(AgencyRegisteredSchema, event));

    expect(decoded).toEqual(event);
    expect(decoded.agency?.name).toBe('Центар за социјални рад Београд');
    expect(decoded.agency?.version).toBe(1n);
  });
});

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
