/**
 * Webhook secrets at rest: each secret is encrypted with AES-256-GCM under a master key
 * from configuration (FEEDS_SECRET_KEYS), named by a key id stored beside the
 * ciphertext. The associated data binds the ciphertext to its subscription, its column
 * and its key id, so a ciphertext copied onto another subscription, or from `secret` to
 * `previous_secret`, does not open.
 *
 * Unlike the child's identity in the alerts service (identity-vault.ts), there is no
 * per-record data key: a secret is 50 bytes, so re-encrypting it under a new master key
 * costs what re-wrapping a data key would. Rotation: add the new key, make it active;
 * old and new keys both open secrets while the service re-seals them (at startup and when
 * a delivery reads one), then the old key can be removed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { parseKeyList } from '@cpx/platform';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The two columns of `subscription` that hold a secret. */
export type SecretColumn = 'secret' | 'previous_secret';

export interface SealedSecret {
  keyId: string;
  /** iv || ciphertext || tag */
  sealed: Buffer;
}

export class WebhookSecretVault {
  constructor(
    private readonly masterKeys: ReadonlyMap<string, Buffer>,
    readonly activeKeyId: string,
  ) {
    if (!masterKeys.has(activeKeyId)) throw new Error(`The active secret key ${activeKeyId} is not configured.`);
    for (const [id, key] of masterKeys) {
      if (key.length !== 32) throw new Error(`Secret key ${id} must be 32 bytes (256 bits).`);
    }
  }

  seal(subscriptionId: string, column: SecretColumn, secret: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.masterKey(this.activeKeyId), iv);
    cipher.setAAD(context(subscriptionId, column, this.activeKeyId));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return { keyId: this.activeKeyId, sealed: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  /** Throws when the key is not configured or the ciphertext does not open here (wrong row, column or tampered). */
  open(subscriptionId: string, column: SecretColumn, { keyId, sealed }: SealedSecret): string {
    if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('The sealed secret is truncated.');
    const decipher = createDecipheriv(ALGORITHM, this.masterKey(keyId), sealed.subarray(0, IV_BYTES));
    decipher.setAAD(context(subscriptionId, column, keyId));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  private masterKey(keyId: string): Buffer {
    const key = this.masterKeys.get(keyId);
    // The key id is not secret; which keys exist is configuration, not user input.
    if (!key) throw new Error(`Secret key ${keyId} is not in FEEDS_SECRET_KEYS; it is needed to open this secret.`);
    return key;
  }
}

/** The keys of FEEDS_SECRET_KEYS (feeds.config.ts validates the shape at boot). */
export function parseSecretKeys(value: string): Map<string, Buffer> {
  return parseKeyList(value, 'FEEDS_SECRET_KEYS');
}

function context(subscriptionId: string, column: SecretColumn, keyId: string): Buffer {
  return Buffer.from(`cpx.feeds.subscription.${column}|${subscriptionId}|${keyId}`);
}
