/** GetAlertFigures' input: figures of the alerts posted since then (all when not given). */
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';

export class GetAlertFiguresCommand {
  since?: Date;

  static from(request: { since?: Timestamp }): GetAlertFiguresCommand {
    return Object.assign(new GetAlertFiguresCommand(), { since: request.since ? timestampDate(request.since) : undefined });
  }
}
