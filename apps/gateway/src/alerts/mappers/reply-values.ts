/**
 * What the mappers of the alerts service's replies and events need beyond the directory's
 * generic proto conversions: a value the message must carry, reported as the alerts
 * service (not the directory) breaking its contract. A GraphQL caller sees "Internal
 * error"; the gateway's log says which field was missing.
 */
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { DomainError } from '@cpx/platform';
import { dateOf as anyDateOf, enumName } from '../../graphql/proto-values';
import type { PublicName } from '../../graphql/public-enums';

type ProtoEnum = Record<string, string | number>;

export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw contractBroken(`${what} is missing`);
  return value;
}

export function requiredEnumName<E extends ProtoEnum>(protoEnum: E, value: number, what: string): PublicName<E> {
  const name = enumName(protoEnum, value);
  if (name === null) throw contractBroken(`${what} has no known value (${value})`);
  return name;
}

export function dateOf(timestamp: Timestamp | undefined, what: string): Date {
  return anyDateOf(required(timestamp, what), what);
}

function contractBroken(detail: string): DomainError {
  return new DomainError('INTERNAL', `A message from the alerts service broke its contract: ${detail}.`);
}
