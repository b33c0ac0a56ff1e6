/**
 * The one way to call a service: `await requests.send(DirectoryRequests.getAgency, {id}, principal)`.
 *
 * Every call is bounded: the principal is signed with a deadline, and if no reply comes
 * in time the caller gets SERVICE_UNAVAILABLE instead of waiting forever. Built on
 * Nest's ClientKafka, with protobuf bytes both ways; every operation's replies come back
 * on the caller's one reply topic (REPLY_TOPICS in @cpx/contracts).
 */
import { Logger } from '@nestjs/common';
import { ClientKafka, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { create, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { OPERATION_HEADER, type REPLY_TOPICS, type RequestOperation } from '@cpx/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import {
  CORRELATION_ID_HEADER,
  REPLY_PARTITION_HEADER,
  REPLY_TOPIC_HEADER,
  type PrincipalSigner,
  type RequestBinding,
  type SignedPrincipalHeaders,
} from '../auth-context/principal-signature';
import type { Principal } from '../auth-context/principal';
import { DomainError, isDomainError } from '../errors/domain-error';
import { decodeReply } from './reply-envelope';
import { CONSUMER_GROUP_SETTINGS, kafkaClientConfig, type KafkaSecurity } from './kafka-options';
import { ReplyPosition } from './reply-position';

export interface RequestClientOptions {
  brokers: string[];
  /** TLS and this application's Kafka user (PlatformConfig.kafkaSecurity). */
  security?: KafkaSecurity;
  /** Unique per running instance: replies are routed to the partitions this group owns. */
  groupId: string;
  clientId: string;
  /** The gateway's signing key (the test harnesses and the benchmark sign as the gateway, with a key of their run). */
  principalSigner: PrincipalSigner;
  timeoutMs: number;
  /** The calling application's reply topic, read whole by this client's group. */
  replyTopic: (typeof REPLY_TOPICS)[keyof typeof REPLY_TOPICS];
}

/** A request as RequestClient hands it to the Kafka client: signed once its reply routing is known. */
interface UnsignedRequest {
  value: Buffer;
  headers: Record<string, string>;
  sign(routing: Pick<RequestBinding, 'correlationId' | 'replyTopic' | 'replyPartition'>): SignedPrincipalHeaders;
}

/**
 * Nest's ClientKafka names a reply topic per request pattern (`<pattern>.reply`); this
 * one answers every pattern with the caller's single reply topic, which is what Nest puts
 * in the request's `kafka_replyTopic` header and what the responder replies to.
 *
 * And it signs each request with its reply routing: Nest picks the correlation id and
 * the reply partition inside `publish`, so `publish` is Nest's own, with the signature
 * made between that choice and the send.
 */
class OneReplyTopicClientKafka extends ClientKafka {
  constructor(
    options: ConstructorParameters<typeof ClientKafka>[0],
    private readonly replyTopic: string,
  ) {
    super(options);
  }

  protected override getResponsePatternName(): string {
    return this.replyTopic;
  }

  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const packet = this.assignPacketId(partialPacket);
    this.routingMap.set(packet.id, callback);
    const cleanup = () => this.routingMap.delete(packet.id);
    const fail = (err: unknown) => {
      cleanup();
      callback({ err });
    };
    try {
      const request = packet.data as UnsignedRequest;
      const replyPartition = this.getReplyTopicPartition(this.replyTopic);
      const signed = request.sign({ correlationId: packet.id, replyTopic: this.replyTopic, replyPartition });
      const message = {
        value: request.value,
        headers: {
          ...request.headers,
          ...signed,
          [CORRELATION_ID_HEADER]: packet.id,
          [REPLY_TOPIC_HEADER]: this.replyTopic,
          [REPLY_PARTITION_HEADER]: replyPartition,
        },
      };
      this.producer.send({ topic: this.normalizePattern(partialPacket.pattern), messages: [message], ...(this.options.send ?? {}) }).catch(fail);
      return cleanup;
    } catch (err) {
      fail(err);
      return () => null;
    }
  }
}

export class RequestClient {
  private readonly logger = new Logger(RequestClient.name);
  private readonly client: ClientKafka;
  private connected: Promise<unknown> | undefined;
  private position: ReplyPosition | undefined;

  constructor(private readonly options: RequestClientOptions) {
    this.client = new OneReplyTopicClientKafka(
      {
        client: kafkaClientConfig(options.clientId, options.brokers, options.security),
        consumer: {
          groupId: options.groupId,
          ...CONSUMER_GROUP_SETTINGS,
          // How long a fetch waits when there is no reply to read. A reply never waits for it
          // (a fetch returns as soon as one byte is there), but connect() waits for the first
          // fetch, which on an idle reply topic took kafkajs' default of 5 s.
          maxWaitTimeInMs: 500,
        },
        producer: { allowAutoTopicCreation: false },
        parser: { keepBinary: true },
        // The group is `groupId` as given (Nest would append "-client").
        postfixId: '',
        // Committed about once a second by ReplyPosition, not by kafkajs after every reply.
        run: { autoCommit: false },
      },
      options.replyTopic,
    );
    // Any pattern will do: the client maps every one to the reply topic.
    this.client.subscribeToResponseOf(options.replyTopic);
  }

  /**
   * Connects, joins the reply group and waits for its first fetch; safe to call again
   * after a failure. Why wait for a fetch: a new group starts reading replies at the
   * "latest" offset, resolved on its first fetch, and a reply written before that moment
   * would be skipped. After the first fetch no reply can be missed.
   */
  async connect(): Promise<void> {
    this.connected ??= this.connectAndFetchOnce().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
  }

  private async connectAndFetchOnce(): Promise<void> {
    let fetched: () => void = () => undefined;
    const firstFetch = new Promise<void>((resolve) => (fetched = resolve));
    await this.client.connect();
    const consumer = this.client.consumer;
    this.position ??= new ReplyPosition(consumer);
    const stopListening = consumer.on(consumer.events.FETCH, () => fetched());
    try {
      await Promise.race([firstFetch, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    } finally {
      stopListening();
    }
  }

  async send<Req extends DescMessage, Res extends DescMessage>(
    operation: RequestOperation<Req, Res>,
    request: MessageInitShape<Req>,
    principal: Principal,
  ): Promise<MessageShape<Res>> {
    const deadline = Date.now() + this.options.timeoutMs;
    const payload = Buffer.from(toBinary(operation.request, create(operation.request, request)));
    const outgoing: UnsignedRequest = {
      value: payload,
      headers: { [OPERATION_HEADER]: operation.name },
      sign: (routing) => this.options.principalSigner.sign(principal, { operation: operation.name, payload, deadline, ...routing }),
    };
    try {
      await withDeadline(this.connect(), deadline);
      const reply = await firstValueFrom(
        this.client
          // To the service's request topic; the service routes by the operation header.
          .send<Buffer>(operation.topic, outgoing)
          .pipe(timeout({ first: Math.max(1, deadline - Date.now()) })),
      );
      return decodeReply(operation.response, reply);
    } catch (error) {
      if (isDomainError(error)) throw error;
      if (error instanceof TimeoutError || error instanceof DeadlineError) {
        throw DomainError.unavailable(`The ${serviceOf(operation.name)} service did not answer in time.`);
      }
      this.logger.warn(`${operation.name}: ${(error as Error)?.message ?? String(error)}`);
      throw DomainError.unavailable(`The ${serviceOf(operation.name)} service is unavailable.`);
    }
  }

  async close(): Promise<void> {
    this.position?.stop();
    this.position = undefined;
    await this.client.close();
  }
}

class DeadlineError extends Error {}

function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError('deadline passed')), Math.max(1, deadline - Date.now()));
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** `cpx.directory.v1.GetAgency` -> `directory`. */
function serviceOf(operationName: string): string {
  return operationName.split('.')[1] ?? operationName;
}
