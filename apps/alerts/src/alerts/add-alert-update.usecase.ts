/**
 * The parties exchange updates on an alert: free text in any language, and structured
 * sightings (where and when the child was seen). A target country's report that the
 * child was found is an entry of its own kind (CHILD_FOUND, report-child-found.usecase.ts).
 * The event says an update exists, and its kind, never what it says.
 */
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents, AlertUpdateKind } from '@cpx/contracts';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, canReportFound, canTakePart, relationTo } from '../access/domain/alert-policy';
import { IdentityVault } from '../identity/identity-vault';
import { recordAlertEvent } from './alert-events';
import { insertUpdate, type AlertUpdateKindName, type AlertUpdateRow } from './alert-update.store';
import { alertAudience, alertFacts } from './alert.mapper';
import { bumpVersion, loadAlert } from './alert.store';
import { assertChildOfAlertNotNamed } from './child-of-alert-not-named';
import { refusal, type AlertStatus } from './domain/alert-lifecycle';
import { BEFORE_BIRTH, bornAfter, checkReportedTime } from './domain/reported-time';

export interface AlertUpdateInput {
  id: string;
  text: string;
  sighting?: { place: string; seenAt?: Date };
  /** NOTE unless given. */
  kind?: AlertUpdateKindName;
}

@Injectable()
export class AddAlertUpdateUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
  ) {}

  async execute(input: AlertUpdateInput, principal: Principal): Promise<AlertUpdateRow> {
    const { id } = input;
    return this.dataSource.transaction(async (manager) => {
      const loaded = await loadAlert(manager, id, { lock: true });
      const caller = await resolveAlertCaller(principal, manager);
      const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
      const kind = input.kind ?? 'NOTE';
      const field = kind === 'CHILD_FOUND' ? 'note' : 'input.text';
      if (kind === 'CHILD_FOUND') assertAllowed(canReportFound(relation), 'reportFound', relation);
      else assertAllowed(canTakePart(relation), 'update', relation);
      const why = refusal(loaded.alert.status as AlertStatus, kind === 'CHILD_FOUND' ? 'reportFound' : 'addUpdate');
      if (why) throw DomainError.conflict(why);
      const now = new Date();
      if (input.sighting?.seenAt) {
        // Not before the child was born: under 18 when the alert was posted.
        checkReportedTime(input.sighting.seenAt, 'input.sighting.seenAt', { now, earliest: bornAfter(loaded.alert.postedAt), earliestIs: BEFORE_BIRTH });
      }
      // The thread is shown to every party in clear, like the title: no names of the child.
      // Opening the record for this check is not a read of it (no one sees it): not audited.
      await assertChildOfAlertNotNamed(manager, this.vault, id, [
        { field, text: input.text },
        ...(input.sighting ? [{ field: 'input.sighting.place', text: input.sighting.place }] : []),
      ]);
      const update: AlertUpdateRow = {
        id: randomUUID(),
        alertId: id,
        authorSubject: principal.subject,
        authorAgencyId: caller.agency?.id ?? null,
        authorCountry: caller.agency?.country.trim() ?? '',
        text: input.text.normalize('NFC').trim(),
        sightingPlace: input.sighting ? input.sighting.place.normalize('NFC').trim() : null,
        sightingAt: input.sighting?.seenAt ?? null,
        createdAt: now,
        kind,
      };
      await insertUpdate(manager, update);
      // An update changes the alert: its version says so, so that a client holding an older
      // version (an expectedVersion, a list de-duplicated by version) sees the change.
      loaded.alert.version = await bumpVersion(manager, id, now);
      loaded.alert.updatedAt = now;
      await recordAlertEvent(
        manager,
        id,
        AlertsEvents.types.alertUpdateAdded,
        {
          alert: alertFacts(loaded.alert, loaded.targets.map((t) => t.country)),
          audience: alertAudience(loaded.alert, loaded.recipients),
          updateId: update.id,
          hasSighting: !!input.sighting,
          occurredAt: timestampFromDate(now),
          kind: kind === 'CHILD_FOUND' ? AlertUpdateKind.CHILD_FOUND : AlertUpdateKind.NOTE,
        },
        now,
      );
      return update;
    });
  }
}
