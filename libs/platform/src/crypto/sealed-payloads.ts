/**
 * Sensitive payloads in transit over Kafka. A child's record travels from the gateway to
 * the alerts service (and back, when revealed) through request and reply topics, which
 * the broker writes to disk. It is sealed with AES-256-GCM under a key only the gateway
 * and the alerts service hold, bound to its operation and subject (associated data), so
 * a copy on the broker is unreadable and cannot be replayed onto another alert.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fromBinary, toBinary, create, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { DomainError } from '../errors/domain-error';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedPayloads {
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error('The payload key must be 32 bytes, base64-encoded.');
  }

  seal<Desc extends DescMessage>(schema: Desc, message: MessageInitShape<Desc>, context: string): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(toBinary(schema, create(schema, message))), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]);
  }

  /** Opens a sealed payload; a missing, tampered or misplaced one is the caller's input error. */
  open<Desc extends DescMessage>(schema: Desc, sealed: Uint8Array, context: string, field: string): MessageShape<Desc> {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw DomainError.badInput(field, `${field} is missing or not sealed for this platform.`);
    try {
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
      return fromBinary(schema, plain);
    } catch {
      throw DomainError.badInput(field, `${field} could not be opened: it was not sealed for this operation.`);
    }
  }
}

export const postAlertContext = (idempotencyKey: string): string => `cpx.alerts.v1.PostAlert|${idempotencyKey}`;
export const revealIdentityContext = (alertId: string): string => `cpx.alerts.v1.RevealAlertIdentity|${alertId}`;
/** A new webhook secret in the reply of the operation (create or rotate) that issued it, for one subscription. */
export const webhookSecretContext = (operation: { name: string }, subscriptionId: string): string => `${operation.name}|${subscriptionId}`;
