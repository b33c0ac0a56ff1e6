import { create, toBinary } from '@bufbuild/protobuf';
import { AlertsRequests, DirectoryEvents, DirectoryRequests, OPERATION_HEADER } from '@cpx/contracts';
import type { KafkaContext } from '@nestjs/microservices';
import type { EachMessagePayload } from 'kafkajs';
import { DEADLINE_HEADER, PrincipalSigner, type RequestBinding } from '../auth-context/principal-signature';
import { newKeyPair } from '../crypto/key-pairs';
import { decodeReply } from './reply-envelope';
import { configureRequestHandling, HandleRequest, type RequestContext } from './handle-request.decorator';
import { MAX_REPLY_WAIT_MS, MAX_RUNNING_PAST_DEADLINE, patternOf, replyWaitMs, ServiceKafkaServer, topicOf } from './service-kafka-server';

describe('a service request topic, routed by operation header', () => {
  const topic = DirectoryRequests.getAgency.topic;

  it('routes a request to the operation its header names', () => {
    expect(patternOf(topic, 'cpx.directory.v1.GetAgency')).toBe(DirectoryRequests.getAgency.name);
    expect(patternOf(topic, Buffer.from('cpx.directory.v1.RegisterAgency'))).toBe(DirectoryRequests.registerAgency.name);
  });

  it('routes no request to a handler when the header is missing, unknown, or names another service\'s operation', () => {
    for (const header of [undefined, '', 'cpx.directory.v1.DropAllTables', AlertsRequests.postAlert.name, DirectoryEvents.topic, 42]) {
      const pattern = patternOf(topic, header);
      expect(Object.values(DirectoryRequests).map((operation) => operation.name)).not.toContain(pattern);
      expect(pattern).not.toBe(AlertsRequests.postAlert.name);
    }
  });

  it('leaves an event its topic as its pattern, whatever its headers say', () => {
    expect(patternOf(DirectoryEvents.topic, DirectoryRequests.registerAgency.name)).toBe(DirectoryEvents.topic);
  });

  it('subscribes once to the request topic behind every operation, and to event topics as they are', () => {
    const patterns = [DirectoryRequests.getAgency.name, DirectoryRequests.searchAgencies.name, DirectoryEvents.topic];
    expect([...new Set(patterns.map(topicOf))]).toEqual(['cpx.directory.v1.requests', DirectoryEvents.topic]);
  });
});

describe('a request handled by a ServiceKafkaServer', () => {
  const operation = DirectoryRequests.getAgency;

  /** A server with one request handler, whose producer's sends complete when the test says. */
  function serverWithReplyProducer(send: () => Promise<unknown>, handler: () => Promise<Buffer> = async () => Buffer.from('reply')) {
    const server = new ServiceKafkaServer({ client: { brokers: ['127.0.0.1:1'] } });
    server.addHandler(operation.name, handler, false);
    const producer = { send: jest.fn((_record: unknown) => send()) };
    Object.assign(server as unknown as { producer: unknown }, { producer });
    return { server, producer };
  }

  function request(offset: string, deadline: number): EachMessagePayload {
    return {
      topic: operation.topic,
      partition: 2,
      message: {
        key: null,
        value: Buffer.from([]),
        offset,
        timestamp: String(Date.now()),
        attributes: 0,
        headers: {
          [OPERATION_HEADER]: Buffer.from(operation.name),
          kafka_correlationId: Buffer.from(`correlation-${offset}`),
          kafka_replyTopic: Buffer.from('cpx.gateway.v1.replies'),
          kafka_replyPartition: Buffer.from('0'),
          [DEADLINE_HEADER]: Buffer.from(String(deadline)),
        },
      },
      heartbeat: async () => undefined,
      pause: () => () => undefined,
    };
  }

  it('is done for kafkajs (and so committed) only once its reply is published', async () => {
    let published!: () => void;
    const { server, producer } = serverWithReplyProducer(() => new Promise<void>((resolve) => (published = resolve)));
    let done = false;
    const handling = server.handleMessage(request('41', Date.now() + 5_000)).then(() => (done = true));
    await waitUntil(() => producer.send.mock.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    expect(producer.send.mock.calls[0]?.[0]).toMatchObject({ topic: 'cpx.gateway.v1.replies' });
    published();
    await handling;
    expect(done).toBe(true);
  });

  it('stops waiting for a reply that cannot be published once the request\'s deadline has passed', async () => {
    const { server, producer } = serverWithReplyProducer(() => new Promise<void>(() => undefined));
    const started = Date.now();
    await server.handleMessage(request('42', started + 100));
    expect(producer.send).toHaveBeenCalledTimes(1);
    expect(Date.now() - started).toBeLessThan(MAX_REPLY_WAIT_MS);
  });

  it('stops waiting for a handler still running at the request\'s deadline, so the next fetch is not held back', async () => {
    let finish!: () => void;
    const { server, producer } = serverWithReplyProducer(
      async () => undefined,
      () => new Promise<Buffer>((resolve) => (finish = () => resolve(Buffer.from('late')))),
    );
    const started = Date.now();
    await server.handleMessage(request('43', started + 100));
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(producer.send).not.toHaveBeenCalled();
    // The handler ends on its own later; its reply still goes out, and nothing is left behind.
    finish();
    await waitUntil(() => producer.send.mock.calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((server as unknown as { publishing: Map<string, unknown> }).publishing.size).toBe(0);
    expect((server as unknown as { pastDeadline: Set<unknown> }).pastDeadline.size).toBe(0);
  });

  it('waits for a late handler as before once MAX_RUNNING_PAST_DEADLINE are still running', async () => {
    const finishers: (() => void)[] = [];
    const { server } = serverWithReplyProducer(
      async () => undefined,
      () => new Promise<Buffer>((resolve) => finishers.push(() => resolve(Buffer.from('late')))),
    );
    for (let index = 0; index < MAX_RUNNING_PAST_DEADLINE; index += 1) {
      await server.handleMessage(request(String(100 + index), Date.now() + 10));
    }
    let done = false;
    const waiting = server.handleMessage(request('200', Date.now() + 10)).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(done).toBe(false);
    finishers.at(-1)!();
    await waiting;
    for (const finish of finishers) finish();
  });

  it('waits at most MAX_REPLY_WAIT_MS, and not at all past the deadline', () => {
    const now = 1_000_000;
    expect(replyWaitMs({ [DEADLINE_HEADER]: Buffer.from(String(now + 60_000)) }, now)).toBe(MAX_REPLY_WAIT_MS);
    expect(replyWaitMs({ [DEADLINE_HEADER]: Buffer.from(String(now + 250)) }, now)).toBe(250);
    expect(replyWaitMs({ [DEADLINE_HEADER]: Buffer.from(String(now - 1)) }, now)).toBe(0);
    expect(replyWaitMs({ [DEADLINE_HEADER]: Buffer.from('soon') }, now)).toBe(MAX_REPLY_WAIT_MS);
    expect(replyWaitMs(undefined, now)).toBe(MAX_REPLY_WAIT_MS);
  });
});

describe('a request replayed onto a ServiceKafkaServer', () => {
  const operation = DirectoryRequests.getAgency;
  const gatewayKey = newKeyPair('ed25519');
  const signer = new PrincipalSigner(new Map([['g-1', gatewayKey.privateKey]]), 'g-1');
  const payload = Buffer.from(toBinary(operation.request, create(operation.request, { id: '3f1c2b9a-0000-4000-8000-000000000001' })));

  class Directory {
    readonly handled: string[] = [];
    @HandleRequest(operation)
    async getAgency(request: { id: string }, { principal }: RequestContext) {
      this.handled.push(`${principal.subject}:${request.id}`);
      return {};
    }
  }

  /** A started service instance (a restart is a new one: its ledger starts empty). */
  function startInstance() {
    configureRequestHandling({ principalVerifyKeys: new Map([['g-1', gatewayKey.publicKey]]) });
    const server = new ServiceKafkaServer({ client: { brokers: ['127.0.0.1:1'] }, parser: { keepBinary: true } });
    const directory = new Directory();
    const adapter = directory.getAgency as unknown as (data: unknown, context: KafkaContext) => Promise<Buffer>;
    server.addHandler(operation.name, (data: unknown, context: KafkaContext) => adapter.call(directory, data, context), false);
    const producer = { send: jest.fn(async (_record: unknown) => undefined) };
    Object.assign(server as unknown as { producer: unknown }, { producer });
    /** Each reply published: 'ok', or its failure's code. */
    const replies = () =>
      producer.send.mock.calls.map(([record]) => {
        try {
          decodeReply(operation.response, (record as { messages: { value: Buffer }[] }).messages[0]!.value);
          return 'ok';
        } catch (error) {
          return (error as { code?: string }).code;
        }
      });
    return { server, directory, producer, replies };
  }

  function signed(binding: Partial<RequestBinding> = {}): Record<string, Buffer> {
    const full = { operation: operation.name, payload, deadline: Date.now() + 5_000, correlationId: 'c-1', replyTopic: 'cpx.gateway.v1.replies', replyPartition: '0', ...binding };
    const headers = {
      ...signer.sign({ subject: 'user-1', roles: ['professional'] }, full),
      [OPERATION_HEADER]: operation.name,
      kafka_correlationId: full.correlationId,
      kafka_replyTopic: full.replyTopic,
      kafka_replyPartition: full.replyPartition,
    };
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Buffer.from(value)]));
  }

  function record(offset: string, headers: Record<string, Buffer>, partition = 0): EachMessagePayload {
    return {
      topic: operation.topic,
      partition,
      message: { key: null, value: payload, offset, timestamp: String(Date.now()), attributes: 0, headers },
      heartbeat: async () => undefined,
      pause: () => () => undefined,
    };
  }

  it('is handled and answered once: a copy under the same correlation id, on any partition this instance reads, gets no answer', async () => {
    const { server, directory, replies } = startInstance();
    const headers = signed({ correlationId: 'c-replayed' });
    await server.handleMessage(record('1', headers));
    await server.handleMessage(record('2', headers));
    await server.handleMessage(record('7', headers, 3));
    expect(directory.handled).toEqual(['user-1:3f1c2b9a-0000-4000-8000-000000000001']);
    expect(replies()).toEqual(['ok']);
  });

  it('answers a forged copy UNAUTHENTICATED without burning the id, so the genuine request is still served', async () => {
    const { server, directory, replies } = startInstance();
    const genuine = signed({ correlationId: 'c-raced' });
    const forged = { ...genuine, 'cpx-principal': Buffer.from(Buffer.from(JSON.stringify({ subject: 'admin', roles: ['platform_admin'] })).toString('base64url')) };
    await server.handleMessage(record('1', forged));
    await server.handleMessage(record('2', genuine));
    expect(directory.handled).toHaveLength(1);
    expect(replies()).toEqual(['UNAUTHENTICATED', 'ok']);
  });

  it('is handled again after a restart: a service that died before answering has not answered it', async () => {
    const headers = signed({ correlationId: 'c-redelivered' });
    const first = startInstance();
    await first.server.handleMessage(record('1', headers));
    const restarted = startInstance();
    await restarted.server.handleMessage(record('1', headers));
    expect(restarted.directory.handled).toHaveLength(1);
    expect(restarted.replies()).toEqual(['ok']);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries += 1) {
    if (tries > 200) throw new Error('condition not met within 2 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
