/**
 * What a partner may see of a domain event: an allow-list per event type, never a
 * deny-list, so a field added to a contract later stays out of every feed until someone
 * decides it belongs here. Kept: ids, type, kind, urgency, status, countries, times.
 * Never: names, titles, summaries, contacts, OIDC subjects, free text, the child's
 * identity (alert events do not carry it; neither does anything built here).
 * An event type not listed here goes to partners with its type and times only.
 */
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  AgencyType,
  AlertKind,
  AlertsEvents,
  AlertStatus,
  AlertUpdateKind,
  DirectoryEvents,
  Outcome,
  ProfessionalRole,
  Urgency,
  VerificationStatus,
  type Agency,
  type AlertFacts,
  type Professional,
} from '@cpx/contracts';
import type { ReceivedEvent } from '@cpx/platform';

export type ThinData = Record<string, string | number | boolean | string[] | null>;

export interface ThinEvent {
  data: ThinData;
  /** The countries the event is about: what subscriptions filter on. */
  countries: string[];
  /** A professional's event names only the agency: its country comes from the replica. */
  countryOfAgency?: string;
  /** An agency's event: the replica of agency countries learns from it. */
  agency?: { id: string; country: string; version: bigint };
}

const alerts = AlertsEvents.types;
const directory = DirectoryEvents.types;

export function thinEvent(event: ReceivedEvent): ThinEvent {
  return alertEvent(event) ?? directoryEvent(event) ?? { data: {}, countries: [] };
}

function alertEvent(event: ReceivedEvent): ThinEvent | undefined {
  const posted = event.as(alerts.alertPosted);
  if (posted) return fromAlert(posted.alert, posted.occurredAt, { unroutedCountries: [...posted.unroutedCountries] });
  const acknowledged = event.as(alerts.alertAcknowledged);
  if (acknowledged) {
    return fromAlert(acknowledged.alert, acknowledged.occurredAt, { country: acknowledged.country, agencyId: acknowledged.agencyId });
  }
  const escalated = event.as(alerts.alertEscalated);
  if (escalated) {
    return fromAlert(escalated.alert, escalated.occurredAt, { country: escalated.country, level: escalated.level, deadline: time(escalated.deadline) });
  }
  const update = event.as(alerts.alertUpdateAdded);
  if (update) {
    // The kind of entry, never its text: a target country reporting the child found is a
    // fact coordinators follow. Entries from before kinds existed are notes.
    const updateKind = update.kind === AlertUpdateKind.CHILD_FOUND ? 'CHILD_FOUND' : 'NOTE';
    return fromAlert(update.alert, update.occurredAt, { updateId: update.updateId, hasSighting: update.hasSighting, updateKind });
  }
  const resolved = event.as(alerts.alertResolved);
  if (resolved) return fromAlert(resolved.alert, resolved.occurredAt, { outcome: enumName(Outcome, resolved.outcome) });
  const other = event.as(alerts.alertCancelled) ?? event.as(alerts.alertClosed) ?? event.as(alerts.alertIdentityErased);
  if (other) return fromAlert(other.alert, other.occurredAt, {});
  return undefined;
}

function fromAlert(alert: AlertFacts | undefined, occurredAt: Timestamp | undefined, extra: ThinData): ThinEvent {
  if (!alert) return { data: { occurredAt: time(occurredAt) }, countries: [] };
  const countries = unique([alert.originCountry, ...alert.targetCountries]);
  return {
    data: {
      alertId: alert.alertId,
      kind: enumName(AlertKind, alert.kind),
      urgency: enumName(Urgency, alert.urgency),
      status: enumName(AlertStatus, alert.status),
      originCountry: alert.originCountry,
      originAgencyId: alert.originAgencyId,
      targetCountries: [...alert.targetCountries],
      postedAt: time(alert.postedAt),
      version: Number(alert.version),
      ...extra,
      occurredAt: time(occurredAt),
    },
    countries,
  };
}

function directoryEvent(event: ReceivedEvent): ThinEvent | undefined {
  const agencyEvent = event.as(directory.agencyRegistered) ?? event.as(directory.agencyUpdated);
  if (agencyEvent) return fromAgency(agencyEvent.agency, agencyEvent.occurredAt);

  const professionalEvent =
    event.as(directory.professionalRegistered) ??
    event.as(directory.professionalUpdated) ??
    event.as(directory.professionalVerified) ??
    event.as(directory.professionalSuspended) ??
    event.as(directory.professionalReinstated);
  if (professionalEvent) return fromProfessional(professionalEvent.professional, professionalEvent.occurredAt);

  const focalPointEvent = event.as(directory.focalPointAssigned) ?? event.as(directory.focalPointRemoved);
  if (focalPointEvent) {
    const focalPoint = focalPointEvent.focalPoint;
    return {
      data: {
        focalPointId: focalPoint?.id ?? '',
        country: focalPoint?.country ?? '',
        alertKind: focalPoint ? alertKindName(focalPoint.alertKind) : null,
        professionalId: focalPoint?.professionalId ?? '',
        occurredAt: time(focalPointEvent.occurredAt),
      },
      countries: unique([focalPoint?.country ?? '']),
    };
  }
  const shiftEvent = event.as(directory.onDutyScheduled) ?? event.as(directory.onDutyEnded);
  if (shiftEvent) {
    const shift = shiftEvent.shift;
    return {
      data: {
        shiftId: shift?.id ?? '',
        professionalId: shift?.professionalId ?? '',
        country: shift?.country ?? '',
        alertKind: shift ? alertKindName(shift.alertKind) : null,
        startsAt: time(shift?.startsAt),
        endsAt: time(shift?.endsAt),
        occurredAt: time(shiftEvent.occurredAt),
      },
      countries: unique([shift?.country ?? '']),
    };
  }
  // A state that joins: public facts about a country (its name is not a person's).
  const countryEvent = event.as(directory.countryRegistered);
  if (countryEvent) {
    const country = countryEvent.country;
    return {
      data: { country: country?.code ?? '', name: country?.name ?? '', languages: [...(country?.languages ?? [])], occurredAt: time(countryEvent.occurredAt) },
      countries: unique([country?.code ?? '']),
    };
  }
  return undefined;
}

function fromAgency(agency: Agency | undefined, occurredAt: Timestamp | undefined): ThinEvent {
  if (!agency) return { data: { occurredAt: time(occurredAt) }, countries: [] };
  return {
    data: {
      agencyId: agency.id,
      agencyType: enumName(AgencyType, agency.type),
      country: agency.country,
      version: Number(agency.version),
      occurredAt: time(occurredAt),
    },
    countries: unique([agency.country]),
    agency: { id: agency.id, country: agency.country, version: agency.version },
  };
}

function fromProfessional(professional: Professional | undefined, occurredAt: Timestamp | undefined): ThinEvent {
  if (!professional) return { data: { occurredAt: time(occurredAt) }, countries: [] };
  // The summary, when the directory filled it in, is the agency's; the replica is the fallback.
  const country = professional.agency?.country ?? '';
  return {
    data: {
      professionalId: professional.id,
      agencyId: professional.agencyId,
      agencyType: professional.agency ? enumName(AgencyType, professional.agency.type) : null,
      role: enumName(ProfessionalRole, professional.role),
      status: enumName(VerificationStatus, professional.status),
      version: Number(professional.version),
      occurredAt: time(occurredAt),
    },
    countries: unique([country]),
    ...(country ? {} : { countryOfAgency: professional.agencyId }),
  };
}

function enumName(values: Record<number, string>, value: number): string | null {
  const name = values[value];
  return typeof name === 'string' && name !== 'UNSPECIFIED' ? name : null;
}

/** The directory's "every kind" (0) reads ANY, as it does in the directory. */
function alertKindName(kind: AlertKind): string {
  return kind === AlertKind.UNSPECIFIED ? 'ANY' : AlertKind[kind];
}

function time(value: Timestamp | undefined): string | null {
  return value ? timestampDate(value).toISOString() : null;
}

function unique(countries: string[]): string[] {
  return [...new Set(countries.filter((country) => /^[A-Z]{2}$/.test(country)))].sort();
}
