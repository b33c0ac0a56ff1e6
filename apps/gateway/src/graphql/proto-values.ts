/**
 * Conversions between protobuf values and GraphQL values that the mappers of every
 * feature need: enums by name (the GraphQL enum is the proto enum without its prefix),
 * timestamps, and proto3's "empty means absent" for optional text.
 */
import { timestampDate, timestampFromDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import { DomainError } from '@cpx/platform';
import type { PublicName } from './public-enums';

type ProtoEnum = Record<string, string | number>;

/** The GraphQL name of a proto enum value; null for UNSPECIFIED (or a value this gateway does not know yet). */
export function enumName<E extends ProtoEnum>(protoEnum: E, value: number): PublicName<E> | null {
  const name = protoEnum[value];
  return typeof name === 'string' && name !== 'UNSPECIFIED' ? (name as PublicName<E>) : null;
}

/** Like enumName, for fields that always carry a value: a missing one is the service breaking its contract. */
export function requiredEnumName<E extends ProtoEnum>(protoEnum: E, value: number, what: string): PublicName<E> {
  const name = enumName(protoEnum, value);
  if (name === null) throw contractBroken(`${what} has no known value (${value})`);
  return name;
}

/** The proto value of a GraphQL enum name; UNSPECIFIED (0) when absent. */
export function enumValue<E extends ProtoEnum>(protoEnum: E, name: PublicName<E> | null | undefined): E[keyof E] {
  return (name ? protoEnum[name] : 0) as E[keyof E];
}

export function dateOf(timestamp: Timestamp | undefined, what: string): Date {
  if (!timestamp) throw contractBroken(`${what} is missing`);
  return timestampDate(timestamp);
}

export function optionalDateOf(timestamp: Timestamp | undefined): Date | null {
  return timestamp ? timestampDate(timestamp) : null;
}

export function timestampOf(date: Date): Timestamp {
  return timestampFromDate(date);
}

export function textOrNull(value: string | undefined): string | null {
  return value ? value : null;
}

/** An optional `expected_version` (int64) from GraphQL's Int. */
export function optionalVersion(version: number | null | undefined): bigint | undefined {
  return version == null ? undefined : BigInt(version);
}

/** A message field the response must carry. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw contractBroken(`${what} is missing`);
  return value;
}

function contractBroken(detail: string): DomainError {
  // Logged server side by the GraphQL exception filter; the caller sees "Internal error".
  return new DomainError('INTERNAL', `A service's reply broke its contract: ${detail}.`);
}
