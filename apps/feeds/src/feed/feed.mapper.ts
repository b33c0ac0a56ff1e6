/** The pull feed's items as the wire messages the gateway reads. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { FeedEventSchema } from '@cpx/contracts';
import type { FeedItem } from './read-partner-feed.usecase';

export function feedEventMessage(item: FeedItem): MessageInitShape<typeof FeedEventSchema> {
  return {
    cursor: item.cursor,
    eventId: item.eventId,
    type: item.type,
    subject: item.subject,
    countries: item.countries,
    occurredAt: timestampFromDate(item.occurredAt),
    dataJson: item.data,
  };
}
