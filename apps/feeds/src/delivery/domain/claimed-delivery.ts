/** A delivery as claimed for one attempt: its lease, its event, its endpoint and the secrets it is signed with. */
import type { WebhookPayloadMode } from '../../partners/domain/payload-mode';

export interface ClaimedDelivery {
  id: string;
  /** This attempt's number in the delivery's log (1, 2, ...). */
  attempt: number;
  /** Attempts made before the delivery was last replayed: the retry schedule counts from there. */
  retryBase: number;
  claimToken: string;
  subscriptionId: string;
  partnerId: string;
  payloadMode: WebhookPayloadMode;
  url: string;
  secrets: string[];
  /** The event's feed sequence: where a THIN body points the partner's feed. */
  sequence: string;
  type: string;
  occurredAt: Date;
  /** The recorded (FULL) data, JSON text. */
  data: string;
  /** Not before then: the endpoint's pace. */
  sendAt: Date;
}
