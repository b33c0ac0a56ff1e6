/**
 * The feeds' GraphQL enums: each proto enum without its prefix and without UNSPECIFIED (a
 * value missing or extra is a compile error), as the directory's enums do.
 */
import { registerEnumType } from '@nestjs/graphql';
import { PayloadMode } from '@cpx/contracts';
import type { PublicName, PublicValues } from '../../graphql/public-enums';


export const WebhookPayloadModeEnum: PublicValues<typeof PayloadMode> = { THIN: 'THIN', FULL: 'FULL' };
export type WebhookPayloadModeName = PublicName<typeof PayloadMode>;

registerEnumType(WebhookPayloadModeEnum, {
  name: 'WebhookPayloadMode',
  description:
    'What the `data` of a subscription’s webhooks carries. Webhooks only: `partnerFeed` and `partnerFeedEvents` are per partner, not per subscription, and always carry FULL data. ' +
    'Neither mode ever carries a child’s identity, a person’s name or contacts, or free text.',
  valuesMap: {
    THIN: {
      description:
        'The default. `data` holds only `id` (the CloudEvents id), `type`, `subject`, `countries`, `occurredAt`, the ids the event names ' +
        '(`alertId`, `originAgencyId`, `agencyId`, `updateId`, `professionalId`, `focalPointId`, `shiftId`), and ' +
        '`fetch`: `{"graphql": "partnerFeed", "partnerId", "after", "eventId"}`. Query `partnerFeed(partnerId, first: 1, after)`: its first edge is this event, ' +
        'with FULL data (while the feed holds it, 30 days, and a subscription of the partner still wants it).',
    },
    FULL: {
      description:
        '`data` holds everything the feed’s allow-list keeps: `id`, `subject`, `countries`, `occurredAt` and the event type’s fields ' +
        '(ids, kind, urgency, status, countries, times; see the partner docs’ catalogue), the same `data` as `partnerFeed`.',
    },
  },
});
