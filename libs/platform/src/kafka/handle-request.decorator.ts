/**
 * The one way a service answers a request: `@HandleRequest(DirectoryRequests.getAgency)`
 * on a controller method `(request, context) => response`.
 *
 * The decorator is the adapter: it verifies the signed principal, decodes the protobuf
 * request, calls the method, and encodes the response or the coded failure into the
 * reply envelope. The method never sees bytes or headers, and nothing it throws can
 * reach the caller except a DomainError's code, message and field.
 */
import { Logger } from '@nestjs/common';
import { Ctx, KafkaContext, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { fromBinary, type DescMessage, type MessageInitShape, type MessageShape, create } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { verifyPrincipal } from '../auth-context/principal-signature';
import type { Principal } from '../auth-context/principal';
import { DomainError, isDomainError } from '../errors/domain-error';
import { assertPlainText } from '../validation/plain-text';
import { encodeFailure, encodeSuccess } from './reply-envelope';

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
let signingKey: string | undefined;

/** Called once at boot with the validated configuration (see bootstrapService). */
export function configureRequestHandling(options: { principalSigningKey: string }): void {
  signingKey = options.principalSigningKey;
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
    if (!signingKey) throw new Error('configureRequestHandling was not called at boot');
    const payload = toBytes(data);
    const headers = kafka.getMessage().headers as Record<string, unknown>;
    const principal = verifyPrincipal(headers, { operation: operation.name, payload }, signingKey);
    let request: MessageShape<Req>;
    try {
      request = fromBinary(operation.request, payload);
    } catch {
      throw DomainError.badInput('request', 'The request could not be decoded.');
    }
    assertPlainText(request);
    const deadline = Number(headers['cpx-deadline']);
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
