/**
 * Which events a subscription wants: its event-type patterns (an exact CloudEvents type,
 * or a family such as `cpx.alerts.v1.*`) and its countries (none: every country). The
 * same rule, in SQL, reads the pull feed (read-partner-feed.usecase.ts); the tests hold
 * the two to the same answers.
 */
import { AlertsEvents, DirectoryEvents } from '@cpx/contracts';

export interface EventFilter {
  eventTypes: readonly string[];
  countries: readonly string[];
}

/** Every event type a partner may subscribe to: the event families CPX publishes. */
export const KNOWN_EVENT_TYPES: readonly string[] = [DirectoryEvents, AlertsEvents].flatMap((family) =>
  Object.values(family.types).map((type) => type.type),
);

const FAMILIES = new Set(KNOWN_EVENT_TYPES.map((type) => type.slice(0, type.lastIndexOf('.'))));

export function matchesType(pattern: string, type: string): boolean {
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}

export function matches(filter: EventFilter, event: { type: string; countries: readonly string[] }): boolean {
  if (!filter.eventTypes.some((pattern) => matchesType(pattern, event.type))) return false;
  return filter.countries.length === 0 || event.countries.some((country) => filter.countries.includes(country));
}

/** A pattern is an event type CPX publishes, or `<package>.*` for a package that publishes events. */
export function isKnownPattern(pattern: string): boolean {
  if (pattern.endsWith('.*')) return FAMILIES.has(pattern.slice(0, -2));
  return KNOWN_EVENT_TYPES.includes(pattern);
}
