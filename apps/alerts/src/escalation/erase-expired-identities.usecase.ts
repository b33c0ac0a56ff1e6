/**
 * Erases identity and photo once the retention period after closure is over
 * (ALERTS_IDENTITY_RETENTION_MS); the alert, its counts and timings stay. The request
 * digest goes too: it was computed over the child's record, and with it a guessed
 * identity could still be confirmed (a replay of the key is then a CONFLICT). So do the
 * alert's free texts (title, summary, outcome note or cancel reason, every update's text
 * and sighting place): the name guard keeps names out of them, but what they tell of the
 * child (where seen, with whom) is theirs as much as the record. Each is replaced by
 * ERASED_TEXT; which updates there were, sightings included, and when, stay. The purposes
 * and reasons of the audit (identity reads and grants) are the audit's.
 * A batch at a time, each alert claimed with FOR UPDATE SKIP LOCKED.
 */
import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents } from '@cpx/contracts';
import { DataSource } from 'typeorm';
import { recordAlertEvent } from '../alerts/alert-events';
import { eraseUpdateTexts } from '../alerts/alert-update.store';
import { alertFacts } from '../alerts/alert.mapper';
import { bumpVersion, claimExpiredAlerts, eraseAlertTexts, loadAlert } from '../alerts/alert.store';
import { ERASED_TEXT } from '../alerts/domain/alert-lifecycle';
import { AlertsConfig } from '../config/alerts.config';
import { deleteSealedIdentity } from '../identity/identity.store';
import { DEADLINE_BATCH } from './escalate-overdue-targets.usecase';

@Injectable()
export class EraseExpiredIdentitiesUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
  ) {}

  /** One batch; returns how many alerts' identities it erased. */
  async execute(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const expired = await claimExpiredAlerts(manager, new Date(now.getTime() - this.config.ALERTS_IDENTITY_RETENTION_MS), DEADLINE_BATCH);
      for (const id of expired) {
        await deleteSealedIdentity(manager, id);
        await eraseAlertTexts(manager, id, ERASED_TEXT);
        await eraseUpdateTexts(manager, id, ERASED_TEXT);
        // The texts changed: a client holding the alert at an older version sees it did.
        await bumpVersion(manager, id, now);
        const loaded = await loadAlert(manager, id);
        await recordAlertEvent(manager, id, AlertsEvents.types.alertIdentityErased, {
          alert: alertFacts(loaded.alert, loaded.targets.map((t) => t.country)),
          occurredAt: timestampFromDate(now),
        }, now);
      }
      return expired.length;
    });
  }
}
