/** Kafka adapter for alert operations: decode, validate, call one use case, encode. */
import { Controller, Inject } from '@nestjs/common';
import { create, toBinary, type MessageShape } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AgencyType,
  AlertKind,
  AlertsRequests,
  AlertStatus,
  AuditBreakReason,
  ChildIdentitySchema,
  Outcome,
  Sex,
  Urgency,
} from '@cpx/contracts';
import {
  assertPlainText,
  DomainError,
  HandleRequest,
  postAlertContext,
  requireId,
  revealIdentityContext,
  PayloadOpener,
  PayloadSealer,
  type RequestContext,
} from '@cpx/platform';
import { CheckAuditIntegrityUseCase } from '../audit/check-audit-integrity.usecase';
import { AlertsConfig } from '../config/alerts.config';
import type { IdentityGrantView, IdentityReadView } from '../identity/identity-history';
import { RevealIdentityUseCase } from '../identity/reveal-identity.usecase';
import { SearchIdentityReadsUseCase } from '../identity/search-identity-reads.usecase';
import { AcknowledgeAlertUseCase } from './acknowledge-alert.usecase';
import { AddAlertUpdateUseCase } from './add-alert-update.usecase';
import { ReportChildFoundUseCase } from './report-child-found.usecase';
import { alertMessage, updateMessage } from './alert-messages';
import { recipientCounts, type LoadedAlert } from './alert-store';
import { assertChildNotNamed } from './child-not-named';
import { checkChildRecord } from './child-record';
import { EndAlertUseCase } from './end-alert.usecase';
import { FindAlertsUseCase, type AlertPage } from './find-alerts.usecase';
import { checkedPost } from './post-alert.input';
import { PostAlertUseCase } from './post-alert.usecase';

type Req<K extends keyof typeof AlertsRequests> = MessageShape<(typeof AlertsRequests)[K]['request']>;

function enumName<E extends Record<string, string | number>>(values: E, value: number, field: string): string;
function enumName<E extends Record<string, string | number>>(values: E, value: number, field: string, required: boolean): string | undefined;
function enumName<E extends Record<string, string | number>>(values: E, value: number, field: string, required = true): string | undefined {
  const name = values[value as unknown as keyof E];
  if (typeof name !== 'string' || name === 'UNSPECIFIED') {
    if (!required && value === 0) return undefined;
    throw DomainError.badInput(field, `${field} is missing or not a known value.`);
  }
  return name;
}

function loadedMessage(loaded: LoadedAlert) {
  return alertMessage(loaded.alert, loaded.targets, recipientCounts(loaded.recipients));
}

function pageMessage(page: AlertPage) {
  return { items: page.items.map(loadedMessage), endCursor: page.endCursor, hasNextPage: page.hasNextPage, totalCount: page.totalCount };
}

@Controller()
export class AlertsHandler {
  constructor(
    private readonly postAlert: PostAlertUseCase,
    private readonly acknowledgeAlert: AcknowledgeAlertUseCase,
    private readonly addUpdate: AddAlertUpdateUseCase,
    private readonly reportFound: ReportChildFoundUseCase,
    private readonly endAlert: EndAlertUseCase,
    private readonly revealIdentity: RevealIdentityUseCase,
    private readonly searchIdentityReads: SearchIdentityReadsUseCase,
    private readonly findAlerts: FindAlertsUseCase,
    private readonly checkAuditIntegrity: CheckAuditIntegrityUseCase,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
    private readonly opener: PayloadOpener,
    private readonly sealerToGateway: PayloadSealer,
  ) {}

  @HandleRequest(AlertsRequests.postAlert)
  async post(request: Req<'postAlert'>, { principal }: RequestContext) {
    const child = await this.opener.open(ChildIdentitySchema, request.sealedChild, postAlertContext(request.idempotencyKey), 'input.child');
    // Sealed, the record passed the request's plain-text check unread.
    assertPlainText(child, 'input.child');
    // The API lets a caller leave sex out: not knowing it is what UNKNOWN says.
    const sex = child.sex === Sex.UNSPECIFIED ? Sex.UNKNOWN : child.sex;
    const lastKnownAt = child.lastKnownAt ? timestampDate(child.lastKnownAt) : undefined;
    const input = checkedPost({
      idempotencyKey: request.idempotencyKey,
      kind: enumName(AlertKind, request.kind, 'input.kind'),
      urgency: enumName(Urgency, request.urgency, 'input.urgency'),
      originCountry: request.originCountry,
      targetCountries: request.targetCountries,
      targetAgencyTypes: request.targetAgencyTypes.map((type, index) => enumName(AgencyType, type, `input.targetAgencyTypes.${index}`)),
      title: request.title,
      summary: request.summary,
      child: {
        givenNames: child.givenNames,
        familyNames: child.familyNames,
        aliases: child.aliases,
        sex: enumName(Sex, sex, 'input.child.sex'),
        dateOfBirth: child.dateOfBirth || undefined,
        estimatedAge: child.estimatedAge,
        nationalities: child.nationalities,
        languages: child.languages,
        distinguishingFeatures: child.distinguishingFeatures,
        lastKnownPlace: child.lastKnownPlace,
        photoContentType: child.photoContentType,
      },
    }, { lastKnownAt, photoBytes: child.photo.length });
    assertChildNotNamed(
      [
        { field: 'input.title', text: input.title },
        { field: 'input.summary', text: input.summary },
      ],
      [...input.child.givenNames, ...input.child.familyNames, ...input.child.aliases],
    );
    checkChildRecord(
      {
        dateOfBirth: input.child.dateOfBirth,
        estimatedAge: input.child.estimatedAge,
        lastKnownAt,
        photo: child.photo,
        photoContentType: child.photoContentType,
      },
      new Date(),
      this.config.ALERTS_MAX_PHOTO_BYTES,
    );
    const sealedPayload = toBinary(ChildIdentitySchema, create(ChildIdentitySchema, {
      ...child,
      sex,
      givenNames: child.givenNames.map(nfc),
      familyNames: child.familyNames.map(nfc),
      aliases: child.aliases.map(nfc),
      distinguishingFeatures: nfc(child.distinguishingFeatures),
      lastKnownPlace: nfc(child.lastKnownPlace),
    }));
    const { posted, replayed } = await this.postAlert.execute({ input, sealedPayload }, principal);
    return { alert: loadedMessage(posted), replayed };
  }

  @HandleRequest(AlertsRequests.acknowledgeAlert)
  async acknowledge(request: Req<'acknowledgeAlert'>, { principal }: RequestContext) {
    return { alert: loadedMessage(await this.acknowledgeAlert.execute(requireId(request.id), principal)) };
  }

  @HandleRequest(AlertsRequests.addAlertUpdate)
  async update(request: Req<'addAlertUpdate'>, { principal }: RequestContext) {
    const id = requireId(request.id);
    const text = request.text.trim();
    if (text.length === 0 && !request.sighting) throw DomainError.badInput('input.text', 'input.text: write something, or give a sighting.');
    if (request.text.length > 10_000) throw DomainError.badInput('input.text', 'input.text must be at most 10000 characters.');
    if (request.sighting && (request.sighting.place.trim().length === 0 || request.sighting.place.length > 500)) {
      throw DomainError.badInput('input.sighting.place', 'input.sighting.place must be 1 to 500 characters.');
    }
    const update = await this.addUpdate.execute(
      id,
      {
        text: request.text,
        sighting: request.sighting
          ? { place: request.sighting.place, seenAt: request.sighting.seenAt ? timestampDate(request.sighting.seenAt) : undefined }
          : undefined,
      },
      principal,
    );
    return { update: updateMessage(update) };
  }

  @HandleRequest(AlertsRequests.reportChildFound)
  async reportChildFound(request: Req<'reportChildFound'>, { principal }: RequestContext) {
    const note = request.note.trim();
    if (note.length === 0 || request.note.length > 2_000) throw DomainError.badInput('note', 'note must be 1 to 2000 characters: where and how the child was found.');
    const update = await this.reportFound.execute(requireId(request.id), request.note, principal);
    return { update: updateMessage(update) };
  }

  @HandleRequest(AlertsRequests.resolveAlert)
  async resolve(request: Req<'resolveAlert'>, { principal }: RequestContext) {
    const outcome = enumName(Outcome, request.outcome, 'outcome')!;
    if (request.note.length > 2_000) throw DomainError.badInput('note', 'note must be at most 2000 characters.');
    const loaded = await this.endAlert.execute(
      requireId(request.id),
      { kind: 'resolve', outcome, note: request.note },
      request.expectedVersion === undefined ? undefined : Number(request.expectedVersion),
      principal,
    );
    return { alert: loadedMessage(loaded) };
  }

  @HandleRequest(AlertsRequests.cancelAlert)
  async cancel(request: Req<'cancelAlert'>, { principal }: RequestContext) {
    if (request.reason.length > 2_000) throw DomainError.badInput('reason', 'reason must be at most 2000 characters.');
    const loaded = await this.endAlert.execute(
      requireId(request.id),
      { kind: 'cancel', reason: request.reason },
      request.expectedVersion === undefined ? undefined : Number(request.expectedVersion),
      principal,
    );
    return { alert: loadedMessage(loaded) };
  }

  @HandleRequest(AlertsRequests.revealAlertIdentity)
  async reveal(request: Req<'revealAlertIdentity'>, { principal }: RequestContext) {
    const id = requireId(request.id);
    const child = await this.revealIdentity.execute(id, request.purpose, principal);
    return { sealedChild: await this.sealerToGateway.seal(ChildIdentitySchema, child, revealIdentityContext(id)) };
  }

  @HandleRequest(AlertsRequests.grantIdentityAccess)
  async grant(request: Req<'grantIdentityAccess'>, { principal }: RequestContext) {
    const grant = await this.revealIdentity.grant(requireId(request.id), request.granteeSubject, request.reason, principal);
    return { alertId: grant.alertId, granteeSubject: grant.granteeSubject, grantedAt: timestampFromDate(grant.grantedAt) };
  }

  @HandleRequest(AlertsRequests.revokeIdentityAccess)
  async revoke(request: Req<'revokeIdentityAccess'>, { principal }: RequestContext) {
    return { grant: identityGrantMessage(await this.revealIdentity.revoke(requireId(request.id), request.granteeSubject, principal)) };
  }

  @HandleRequest(AlertsRequests.listIdentityGrants)
  async grants(request: Req<'listIdentityGrants'>, { principal }: RequestContext) {
    return { grants: (await this.revealIdentity.grants(requireId(request.id), principal)).map(identityGrantMessage) };
  }

  @HandleRequest(AlertsRequests.listIdentityReads)
  async reads(request: Req<'listIdentityReads'>, { principal }: RequestContext) {
    const reads = await this.revealIdentity.reads(requireId(request.id), principal);
    return { reads: reads.map(identityReadMessage) };
  }

  @HandleRequest(AlertsRequests.searchIdentityReads)
  async auditReads(request: Req<'searchIdentityReads'>, { principal }: RequestContext) {
    if (request.readerSubject.length > 255) throw DomainError.badInput('readerSubject', 'readerSubject: at most 255 characters.');
    const page = await this.searchIdentityReads.execute(
      {
        readerSubject: request.readerSubject || undefined,
        alertId: request.alertId ? requireId(request.alertId, 'alertId') : undefined,
        since: request.since ? reportedMoment(request.since, 'since') : undefined,
        until: request.until ? reportedMoment(request.until, 'until') : undefined,
        first: request.page?.first || undefined,
        after: request.page?.after || undefined,
      },
      principal,
    );
    return { ...page, items: page.items.map(identityReadMessage) };
  }

  @HandleRequest(AlertsRequests.checkAuditIntegrity)
  async auditIntegrity(request: Req<'checkAuditIntegrity'>, { principal }: RequestContext) {
    if (request.fromSeq < 0n || (request.fromSeq > 0n) !== (request.fromHash.length > 0)) {
      throw DomainError.badInput('fromSeq', 'fromSeq and fromHash: give both (a head kept from an earlier check), or neither.');
    }
    if (request.fromHash.length > 0 && request.fromHash.length !== 32) throw DomainError.badInput('fromHash', 'fromHash must be a SHA-256 hash (32 bytes).');
    const verdict = await this.checkAuditIntegrity.execute(
      request.alertId ? requireId(request.alertId, 'alertId') : undefined,
      principal,
      request.fromSeq > 0n ? { seq: request.fromSeq.toString(), hash: Buffer.from(request.fromHash) } : undefined,
    );
    return {
      ok: verdict.ok,
      checkedEntries: BigInt(verdict.checked),
      firstBreak: verdict.broken
        ? { seq: BigInt(verdict.broken.seq), alertId: verdict.broken.alertId ?? '', reason: AuditBreakReason[verdict.broken.reason] }
        : undefined,
      headSeq: BigInt(verdict.head.seq),
      headHash: verdict.head.hash,
    };
  }

  @HandleRequest(AlertsRequests.getAlert)
  async get(request: Req<'getAlert'>, { principal }: RequestContext) {
    const { loaded, updates } = await this.findAlerts.byId(requireId(request.id), principal);
    return { alert: loadedMessage(loaded), updates: updates.map(updateMessage) };
  }

  @HandleRequest(AlertsRequests.searchAlerts)
  async search(request: Req<'searchAlerts'>, { principal }: RequestContext) {
    const filter = request.filter;
    const page = await this.findAlerts.search(
      {
        status: filter?.status ? enumName(AlertStatus, filter.status, 'filter.status') : undefined,
        kind: filter?.kind ? enumName(AlertKind, filter.kind, 'filter.kind') : undefined,
        urgency: filter?.urgency ? enumName(Urgency, filter.urgency, 'filter.urgency') : undefined,
        country: filter?.country ? requireCountry(filter.country) : undefined,
        overdueOnly: filter?.overdueOnly ?? false,
        first: request.page?.first || undefined,
        after: request.page?.after || undefined,
      },
      principal,
    );
    return pageMessage(page);
  }

  @HandleRequest(AlertsRequests.getInbox)
  async inbox(request: Req<'getInbox'>, { principal }: RequestContext) {
    return pageMessage(await this.findAlerts.inbox({ first: request.page?.first || undefined, after: request.page?.after || undefined }, principal));
  }

  @HandleRequest(AlertsRequests.getAlertFigures)
  async figures(request: Req<'getAlertFigures'>, { principal }: RequestContext) {
    const countries = await this.findAlerts.figures(request.since ? timestampDate(request.since) : undefined, principal);
    return { countries: countries.map((row) => ({ ...row, medianSecondsToAcknowledge: BigInt(row.medianSecondsToAcknowledge) })) };
  }
}

function nfc(value: string): string {
  return value.normalize('NFC').trim();
}

function requireCountry(value: string): string {
  if (!/^[A-Z]{2}$/.test(value)) throw DomainError.badInput('filter.country', 'filter.country must be an ISO 3166-1 alpha-2 code.');
  return value;
}

function identityReadMessage(read: IdentityReadView) {
  return {
    alertId: read.alertId,
    readerSubject: read.readerSubject,
    readerAgencyId: read.readerAgencyId ?? '',
    readerCountry: read.readerCountry,
    purpose: read.purpose,
    readAt: timestampFromDate(read.readAt),
  };
}

/** A moment a caller gave: one a Date can hold, or the field's input error. */
function reportedMoment(timestamp: Parameters<typeof timestampDate>[0], field: string): Date {
  const date = timestampDate(timestamp);
  if (Number.isNaN(date.getTime())) throw DomainError.badInput(field, `${field} is not a moment in time.`);
  return date;
}

function identityGrantMessage(grant: IdentityGrantView) {
  return {
    alertId: grant.alertId,
    granteeSubject: grant.granteeSubject,
    grantedBySubject: grant.grantedBySubject,
    reason: grant.reason,
    grantedAt: timestampFromDate(grant.grantedAt),
    revokedAt: grant.revokedAt ? timestampFromDate(grant.revokedAt) : undefined,
    revokedBySubject: grant.revokedBySubject ?? '',
  };
}
