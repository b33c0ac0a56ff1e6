/**
 * The envelope of every reply on a request topic: either the response bytes or a coded
 * failure. Error codes map to protobuf and back here, once, exhaustively.
 */
import { create, fromBinary, toBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { FailureCode, ReplySchema } from '@cpx/contracts';
import { assertUnreachable, DomainError, type ErrorCode } from '../errors/domain-error';

export function toFailureCode(code: ErrorCode): FailureCode {
  switch (code) {
    case 'BAD_USER_INPUT':
      return FailureCode.BAD_USER_INPUT;
    case 'UNAUTHENTICATED':
      return FailureCode.UNAUTHENTICATED;
    case 'FORBIDDEN':
      return FailureCode.FORBIDDEN;
    case 'NOT_FOUND':
      return FailureCode.NOT_FOUND;
    case 'CONFLICT':
      return FailureCode.CONFLICT;
    case 'SERVICE_UNAVAILABLE':
      return FailureCode.SERVICE_UNAVAILABLE;
    case 'INTERNAL':
      return FailureCode.INTERNAL;
    default:
      return assertUnreachable(code);
  }
}

export function fromFailureCode(code: FailureCode): ErrorCode {
  switch (code) {
    case FailureCode.BAD_USER_INPUT:
      return 'BAD_USER_INPUT';
    case FailureCode.UNAUTHENTICATED:
      return 'UNAUTHENTICATED';
    case FailureCode.FORBIDDEN:
      return 'FORBIDDEN';
    case FailureCode.NOT_FOUND:
      return 'NOT_FOUND';
    case FailureCode.CONFLICT:
      return 'CONFLICT';
    case FailureCode.SERVICE_UNAVAILABLE:
      return 'SERVICE_UNAVAILABLE';
    case FailureCode.INTERNAL:
    case FailureCode.UNSPECIFIED:
      return 'INTERNAL';
    default:
      return assertUnreachable(code);
  }
}

export function encodeSuccess<Desc extends DescMessage>(schema: Desc, response: MessageShape<Desc>): Buffer {
  const ok = toBinary(schema, response);
  return Buffer.from(toBinary(ReplySchema, create(ReplySchema, { result: { case: 'ok', value: ok } })));
}

export function encodeFailure(error: DomainError): Buffer {
  return Buffer.from(
    toBinary(
      ReplySchema,
      create(ReplySchema, {
        result: {
          case: 'failure',
          value: { code: toFailureCode(error.code), message: error.message, field: error.field ?? '' },
        },
      }),
    ),
  );
}

/** Returns the response, or throws the DomainError the service replied with. */
export function decodeReply<Desc extends DescMessage>(schema: Desc, bytes: Uint8Array): MessageShape<Desc> {
  const reply = fromBinary(ReplySchema, bytes);
  switch (reply.result.case) {
    case 'ok':
      return fromBinary(schema, reply.result.value);
    case 'failure': {
      const failure = reply.result.value;
      return throwFailure(new DomainError(fromFailureCode(failure.code), failure.message, failure.field || undefined));
    }
    case undefined:
      throw new DomainError('INTERNAL', 'The service sent an empty reply.');
    default:
      return assertUnreachable(reply.result);
  }
}

function throwFailure(error: DomainError): never {
  throw error;
}
