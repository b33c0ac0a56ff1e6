/**
 * The one way a service answers a request: `@HandleRequest(DirectoryRequests.getAgency)`
 * on a controller method `(request, context) => response`.
 *
 * The decorator is the adapter: it verifies the signed principal, decodes the protobuf
 * request, calls the method, and encodes the response or the coded failure into the
 * reply envelope. The method never sees bytes or headers, and nothing it throws can
 * reach the caller except a DomainError's code, message and field.
 *
 * Authentication (signature, then the replay ledger) runs once per request, in
 * ServiceKafkaServer before Nest dispatches it (a replay is then dropped unanswered), or
 * here when a request reaches the adapter without it (a spec calling a handler directly).
 */
import { Logger } from '@nestjs/common';
import { Ctx, KafkaContext, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { fromBinary, type DescMessage, type MessageInitShape, type MessageShape, create } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { CORRELATION_ID_HEADER, PrincipalVerifier } from '../auth-context/principal-signature';
import type { Principal } from '../auth-context/principal';
import { DomainError, isDomainError } from '../errors/domain-error';
import { assertPlainText } from '../validation/plain-text';
import { encodeFailure, encodeSuccess } from './reply-envelope';
import { RequestLedger } from './request-ledger';

export interface RequestContext {
  readonly principal: Principal;
  /** Epoch ms after which the caller has stopped waiting. */
  readonly deadline: number;
}

export type RequestMethod<Req extends DescMessage, Res extends DescMessage> = (
  request: MessageShape<Req>,
  context: RequestContext,
) => Promise<MessageInitShape<Res>>;

const logger = new Logger('RequestHandler');
let verifier: PrincipalVerifier | undefined;
let ledger = new RequestLedger();
/** Requests ServiceKafkaServer has authenticated, by their position, until their handler takes them. */
const authenticated = new Map<string, Authenticated>();

interface Authenticated {
  principal: Principal;
  deadline: number;
}

/**
 * Called once at boot with the validated configuration (see ServicePlatformModule). A
 * process starts with an empty ledger, as a restarted service does: what it had taken on
 * but not answered before it died, it answers now.
 */
export function configureRequestHandling(options: { principalVerifyKeys: Map<string, Buffer> }): void {
  verifier = new PrincipalVerifier(options.principalVerifyKeys);
  ledger = new RequestLedger();
}

export class ReplayedRequestError extends DomainError {
  constructor(readonly correlationId: string) {
    super('CONFLICT', 'This request was already taken on: a request is answered once.');
  }
}

/**
 * Verifies a request's signed principal and records its correlation id in the ledger.
 * Throws UNAUTHENTICATED, or ReplayedRequestError for an id already taken on.
 */
export function authenticateRequest(operation: string, payload: Uint8Array, headers: Record<string, unknown>, now = Date.now()): Authenticated {
  if (!verifier) throw new Error('configureRequestHandling was not called at boot');
  const verified = verifier.verify(headers, { operation, payload }, now);
  const raw = headers[CORRELATION_ID_HEADER];
  const correlationId = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
  if (!ledger.claim(correlationId, verified.deadline, now)) throw new ReplayedRequestError(correlationId);
  return verified;
}

/** For ServiceKafkaServer: the request at `position` was authenticated; its handler takes it from here. */
export function rememberAuthenticated(position: string, value: Authenticated): void {
  authenticated.set(position, value);
}

export function forgetAuthenticated(position: string): void {
  authenticated.delete(position);
}

export function requestPosition(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}/${offset}`;
}

export function HandleRequest<Req extends DescMessage, Res extends DescMessage>(
  operation: RequestOperation<Req, Res>,
) {
  return <M extends RequestMethod<Req, Res>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<M>): void => {
    const method = descriptor.value;
    if (!method) throw new Error(`@HandleRequest on ${String(key)}: not a method`);
    const adapter = async function (this: unknown, data: unknown, kafka: KafkaContext): Promise<Buffer> {
      return answer(operation, (request, context) => method.call(this, request, context), data, kafka);
    };
    descriptor.value = adapter as unknown as M;
    // Nest reads the pattern from metadata on the function object, so it must be the adapter,
    // and it passes (payload, context) only to parameters declared as such.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    // The pattern is the operation's name: ServiceKafkaServer reads the service's request
    // topic and routes each request by its operation header.
    MessagePattern(operation.name, Transport.KAFKA)(target, key, descriptor as PropertyDescriptor);
  };
}

async function answer<Req extends DescMessage, Res extends DescMessage>(
  operation: RequestOperation<Req, Res>,
  method: RequestMethod<Req, Res>,
  data: unknown,
  kafka: KafkaContext,
): Promise<Buffer> {
  const started = Date.now();
  try {
    const payload = toBytes(data);
    const message = kafka.getMessage();
    const headers = message.headers as Record<string, unknown>;
    const position = requestPosition(kafka.getTopic(), kafka.getPartition(), message.offset);
    const { principal, deadline } = authenticated.get(position) ?? authenticateRequest(operation.name, payload, headers);
    authenticated.delete(position);
    let request: MessageShape<Req>;
    try {
      request = fromBinary(operation.request, payload);
    } catch {
      throw DomainError.badInput('request', 'The request could not be decoded.');
    }
    assertPlainText(request);
    const response = await method(request, { principal, deadline });
    return encodeSuccess(operation.response, create(operation.response, response));
  } catch (error) {
    if (isDomainError(error)) return encodeFailure(error);
    // Full detail stays in the service log; the caller learns only that it failed.
    logger.error(`${operation.name} failed after ${Date.now() - started} ms: ${(error as Error).stack ?? error}`);
    return encodeFailure(new DomainError('INTERNAL', 'The service could not complete the request.'));
  }
}

function toBytes(data: unknown): Uint8Array {
  if (data === null || data === undefined) return new Uint8Array();
  // An empty protobuf message is zero bytes; Nest then hands over the record itself.
  if (typeof data === 'object' && 'value' in data && (data as { value: unknown }).value == null) {
    return new Uint8Array();
  }
  if (Buffer.isBuffer(data) || data instanceof Uint8Array) return data;
  // With keepBinary the value is always a Buffer; a string means a misconfigured transport.
  throw DomainError.badInput('request', 'The request is not a protobuf payload.');
}
