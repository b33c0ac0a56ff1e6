/**
 * Kafka adapter for alert operations: each decodes the request, builds its command, calls
 * one use case and encodes the reply. The child's identity has its own adapter
 * (identity/identity.handler.ts), and so has the audit log (audit/audit.handler.ts).
 */
import { Controller, Inject } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { AlertsRequests, ChildIdentitySchema } from '@cpx/contracts';
import { HandleRequest, PayloadOpener, postAlertContext, type RequestContext } from '@cpx/platform';
import { AlertsConfig } from '../config/alerts.config';
import { AcknowledgeAlertUseCase } from './acknowledge-alert.usecase';
import { AddAlertUpdateCommand } from './add-alert-update.command';
import { AddAlertUpdateUseCase } from './add-alert-update.usecase';
import { AlertIdCommand } from './alert-id.command';
import type { AlertPage } from './alert-pages';
import { loadedAlertMessage, updateMessage } from './alert.mapper';
import { EndAlertCommand } from './end-alert.command';
import { EndAlertUseCase } from './end-alert.usecase';
import { GetAlertFiguresCommand } from './get-alert-figures.command';
import { GetAlertFiguresUseCase } from './get-alert-figures.usecase';
import { GetAlertUseCase } from './get-alert.usecase';
import { GetInboxUseCase } from './get-inbox.usecase';
import { PageCommand } from './page.command';
import { PostAlertCommand } from './post-alert.command';
import { PostAlertUseCase } from './post-alert.usecase';
import { ReportChildFoundCommand } from './report-child-found.command';
import { ReportChildFoundUseCase } from './report-child-found.usecase';
import { SearchAlertsCommand } from './search-alerts.command';
import { SearchAlertsUseCase } from './search-alerts.usecase';

type Req<K extends keyof typeof AlertsRequests> = MessageShape<(typeof AlertsRequests)[K]['request']>;

function pageMessage(page: AlertPage) {
  return { items: page.items.map(loadedAlertMessage), endCursor: page.endCursor, hasNextPage: page.hasNextPage, totalCount: page.totalCount };
}

@Controller()
export class AlertsHandler {
  constructor(
    private readonly postAlert: PostAlertUseCase,
    private readonly acknowledgeAlert: AcknowledgeAlertUseCase,
    private readonly addUpdate: AddAlertUpdateUseCase,
    private readonly reportFound: ReportChildFoundUseCase,
    private readonly endAlert: EndAlertUseCase,
    private readonly getAlert: GetAlertUseCase,
    private readonly searchAlerts: SearchAlertsUseCase,
    private readonly getInbox: GetInboxUseCase,
    private readonly getFigures: GetAlertFiguresUseCase,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
    // The child's record arrives sealed to this service; only it holds ALERTS_OPENING_KEYS.
    private readonly opener: PayloadOpener,
  ) {}

  @HandleRequest(AlertsRequests.postAlert)
  async post(request: Req<'postAlert'>, { principal }: RequestContext) {
    const child = await this.opener.open(ChildIdentitySchema, request.sealedChild, postAlertContext(request.idempotencyKey), 'input.child');
    const command = PostAlertCommand.from(request, child, { maxPhotoBytes: this.config.ALERTS_MAX_PHOTO_BYTES, now: new Date() });
    const { posted, replayed } = await this.postAlert.execute(command, principal);
    return { alert: loadedAlertMessage(posted), replayed };
  }

  @HandleRequest(AlertsRequests.acknowledgeAlert)
  async acknowledge(request: Req<'acknowledgeAlert'>, { principal }: RequestContext) {
    return { alert: loadedAlertMessage(await this.acknowledgeAlert.execute(AlertIdCommand.from(request), principal)) };
  }

  @HandleRequest(AlertsRequests.addAlertUpdate)
  async update(request: Req<'addAlertUpdate'>, { principal }: RequestContext) {
    return { update: updateMessage(await this.addUpdate.execute(AddAlertUpdateCommand.from(request), principal)) };
  }

  @HandleRequest(AlertsRequests.reportChildFound)
  async reportChildFound(request: Req<'reportChildFound'>, { principal }: RequestContext) {
    return { update: updateMessage(await this.reportFound.execute(ReportChildFoundCommand.from(request), principal)) };
  }

  @HandleRequest(AlertsRequests.resolveAlert)
  async resolve(request: Req<'resolveAlert'>, { principal }: RequestContext) {
    return { alert: loadedAlertMessage(await this.endAlert.execute(EndAlertCommand.fromResolve(request), principal)) };
  }

  @HandleRequest(AlertsRequests.cancelAlert)
  async cancel(request: Req<'cancelAlert'>, { principal }: RequestContext) {
    return { alert: loadedAlertMessage(await this.endAlert.execute(EndAlertCommand.fromCancel(request), principal)) };
  }

  @HandleRequest(AlertsRequests.getAlert)
  async get(request: Req<'getAlert'>, { principal }: RequestContext) {
    const { loaded, updates } = await this.getAlert.execute(AlertIdCommand.from(request), principal);
    return { alert: loadedAlertMessage(loaded), updates: updates.map(updateMessage) };
  }

  @HandleRequest(AlertsRequests.searchAlerts)
  async search(request: Req<'searchAlerts'>, { principal }: RequestContext) {
    return pageMessage(await this.searchAlerts.execute(SearchAlertsCommand.from(request), principal));
  }

  @HandleRequest(AlertsRequests.getInbox)
  async inbox(request: Req<'getInbox'>, { principal }: RequestContext) {
    return pageMessage(await this.getInbox.execute(PageCommand.from(request), principal));
  }

  @HandleRequest(AlertsRequests.getAlertFigures)
  async figures(request: Req<'getAlertFigures'>, { principal }: RequestContext) {
    const countries = await this.getFigures.execute(GetAlertFiguresCommand.from(request), principal);
    return { countries: countries.map((row) => ({ ...row, medianSecondsToAcknowledge: BigInt(row.medianSecondsToAcknowledge) })) };
  }
}
