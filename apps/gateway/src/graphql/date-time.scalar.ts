/**
 * `DateTime`, strictly: an RFC 3339 date-time string with its offset (`Z` or `+02:00`).
 * Nest's scalar passed anything to `new Date()`: a time without an offset was read in the
 * gateway's own time zone (the partner states span UTC+1 and UTC+2, so an on-duty window
 * moved by an hour), a number or `true` became an instant in 1970, "1" became 2001.
 * Anything else is refused as input, so a window or a sighting is never silently wrong.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM); `t`/`z`/space are RFC 3339 variants we do not need.
const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

export function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? RFC_3339.exec(value) : null;
  if (!match) throw refusal();
  const [, year, month, day, hour, minute, second, , , offsetHours, offsetMinutes] = match;
  const date = new Date(value as string);
  // The parts must be a real calendar date and time: Date would roll 2025-02-30 over to March.
  const sameDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const valid =
    !Number.isNaN(date.getTime()) &&
    sameDay.getUTCMonth() === Number(month) - 1 &&
    sameDay.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 60 &&
    (offsetHours === undefined || (Number(offsetHours) < 24 && Number(offsetMinutes) < 60));
  if (!valid) throw refusal();
  return date;
}

function refusal(): GraphQLError {
  return new GraphQLError('DateTime must be an RFC 3339 date-time with its offset, such as 2026-03-01T09:30:00Z or 2026-03-01T10:30:00+01:00.', {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description:
    'An RFC 3339 date-time with its offset, such as 2019-12-03T09:54:33Z or 2019-12-03T10:54:33+01:00; a time without an offset is refused. Returned in UTC.',
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw refusal();
    return parseDateTime(ast.value);
  },
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent a value that is not a date.');
    return date.toISOString();
  },
});
