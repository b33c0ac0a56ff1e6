/**
 * One alerts event, as the live subscription delivers it: the change (ids and facts
 * only) and the audience it may go to. AlertIdentityErased has no audience and is not a
 * change anybody is told about; a record that is not an alerts event is ignored.
 */
import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { AlertKind, AlertStatus, AlertsEvents, AlertUpdateKind, Urgency, type AlertAudience, type AlertFacts, type EventType } from '@cpx/contracts';
import { optionalDateOf, required, requiredEnumName } from '../../graphql/proto-values';
import type { AlertChangeTypeName } from '../types/alert.enums';
import type { AlertChangeObject } from '../types/alert-change.type';

export interface AlertDelivery {
  change: AlertChangeObject;
  audience: AlertAudience;
}

/** What every alerts event with an audience carries. */
interface AudiencedEvent {
  alert?: AlertFacts;
  audience?: AlertAudience;
  occurredAt?: Timestamp;
}

interface ChangeSource<Desc extends DescMessage> {
  event: EventType<Desc>;
  /** The change's type, or how the event tells it. */
  type: AlertChangeTypeName | ((event: MessageShape<Desc>) => AlertChangeTypeName);
  /** The target country and escalation level, where the event has them. */
  details?: (event: MessageShape<Desc>) => Partial<Pick<AlertChangeObject, 'country' | 'level' | 'unroutedCountries'>>;
}

function source<Desc extends DescMessage>(
  event: EventType<Desc>,
  type: AlertChangeTypeName | ((event: MessageShape<Desc>) => AlertChangeTypeName),
  details?: (event: MessageShape<Desc>) => Partial<Pick<AlertChangeObject, 'country' | 'level' | 'unroutedCountries'>>,
): ChangeSource<Desc> {
  return { event, type, details };
}

const { types } = AlertsEvents;

/** Every event type the subscription reports, by CloudEvents `ce_type`. */
const SOURCES = new Map<string, ChangeSource<DescMessage>>(
  [
    source(types.alertPosted, 'POSTED', (event) => ({ unroutedCountries: [...event.unroutedCountries] })),
    source(types.alertAcknowledged, 'ACKNOWLEDGED', (event) => ({ country: event.country || null, level: null })),
    source(types.alertEscalated, 'ESCALATED', (event) => ({ country: event.country || null, level: event.level })),
    source(types.alertUpdateAdded, (event) => (event.kind === AlertUpdateKind.CHILD_FOUND ? 'CHILD_FOUND_REPORTED' : 'UPDATE_ADDED')),
    source(types.alertResolved, 'RESOLVED'),
    source(types.alertCancelled, 'CANCELLED'),
    source(types.alertClosed, 'CLOSED'),
  ].map((entry) => [entry.event.type, entry as unknown as ChangeSource<DescMessage>]),
);

/**
 * The delivery for an event of CloudEvents type `ceType`, or undefined when the type is not
 * reported live. Throws when the payload does not decode or lacks what the contract
 * promises (the caller logs and skips it). `eventTime` stands in for a missing occurred_at.
 */
export function alertDeliveryOf(ceType: string, payload: Uint8Array, eventTime: Date): AlertDelivery | undefined {
  const changeSource = SOURCES.get(ceType);
  if (!changeSource) return undefined;
  const event = fromBinary(changeSource.event.schema, payload) as MessageShape<DescMessage> & AudiencedEvent;
  const facts = required(event.alert, 'event.alert');
  return {
    audience: required(event.audience, 'event.audience'),
    change: {
      type: typeof changeSource.type === 'function' ? changeSource.type(event) : changeSource.type,
      alertId: facts.alertId,
      kind: requiredEnumName(AlertKind, facts.kind, 'alert.kind'),
      urgency: requiredEnumName(Urgency, facts.urgency, 'alert.urgency'),
      status: requiredEnumName(AlertStatus, facts.status, 'alert.status'),
      originCountry: facts.originCountry,
      targetCountries: [...facts.targetCountries],
      version: Number(facts.version),
      occurredAt: optionalDateOf(event.occurredAt) ?? eventTime,
      country: null,
      level: null,
      unroutedCountries: [],
      ...changeSource.details?.(event),
    },
  };
}
