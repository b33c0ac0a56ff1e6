/**
 * Envelope encryption of a child's identity.
 *
 * Each record gets its own random 256-bit data key; the identity is encrypted with it
 * (AES-256-GCM), and the data key is itself encrypted ("wrapped") with a master key from
 * configuration, named by a key id. Both encryptions bind the alert id as associated
 * data, so a ciphertext copied onto another alert does not open. Rotating the master
 * key means re-wrapping the small data keys, never re-encrypting identities, and old and
 * new keys both open records while the rotation runs: no downtime.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { parseKeyList } from '@cpx/platform';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedIdentity {
  keyId: string;
  /** iv || wrapped data key || tag */
  wrappedKey: Buffer;
  /** iv || ciphertext || tag */
  ciphertext: Buffer;
}

export class IdentityVault {
  constructor(
    private readonly masterKeys: ReadonlyMap<string, Buffer>,
    readonly activeKeyId: string,
  ) {
    if (!masterKeys.has(activeKeyId)) throw new Error(`The active master key ${activeKeyId} is not configured.`);
    for (const [id, key] of masterKeys) {
      if (key.length !== 32) throw new Error(`Master key ${id} must be 32 bytes (256 bits).`);
    }
  }

  seal(alertId: string, plaintext: Uint8Array): SealedIdentity {
    const dataKey = randomBytes(32);
    try {
      return {
        keyId: this.activeKeyId,
        wrappedKey: encrypt(this.masterKey(this.activeKeyId), dataKey, wrapContext(alertId, this.activeKeyId)),
        ciphertext: encrypt(dataKey, plaintext, dataContext(alertId)),
      };
    } finally {
      dataKey.fill(0);
    }
  }

  open(alertId: string, sealed: SealedIdentity): Buffer {
    const dataKey = decrypt(this.masterKey(sealed.keyId), sealed.wrappedKey, wrapContext(alertId, sealed.keyId));
    try {
      return decrypt(dataKey, sealed.ciphertext, dataContext(alertId));
    } finally {
      dataKey.fill(0);
    }
  }

  /** The same record with its data key wrapped by the active master key; undefined if it already is. */
  rewrap(alertId: string, sealed: SealedIdentity): SealedIdentity | undefined {
    if (sealed.keyId === this.activeKeyId) return undefined;
    const dataKey = decrypt(this.masterKey(sealed.keyId), sealed.wrappedKey, wrapContext(alertId, sealed.keyId));
    try {
      return {
        keyId: this.activeKeyId,
        wrappedKey: encrypt(this.masterKey(this.activeKeyId), dataKey, wrapContext(alertId, this.activeKeyId)),
        ciphertext: sealed.ciphertext,
      };
    } finally {
      dataKey.fill(0);
    }
  }

  private masterKey(keyId: string): Buffer {
    const key = this.masterKeys.get(keyId);
    // The key id is not secret; which keys exist is configuration, not user input.
    if (!key) throw new Error(`Master key ${keyId} is not configured; it is needed to open this record.`);
    return key;
  }
}

/** The keys of ALERTS_MASTER_KEYS. */
export function parseMasterKeys(value: string): Map<string, Buffer> {
  return parseKeyList(value, 'ALERTS_MASTER_KEYS');
}

function wrapContext(alertId: string, keyId: string): Buffer {
  return Buffer.from(`cpx.alerts.identity.key|${alertId}|${keyId}`);
}

function dataContext(alertId: string): Buffer {
  return Buffer.from(`cpx.alerts.identity|${alertId}`);
}

function encrypt(key: Buffer, plaintext: Uint8Array, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function decrypt(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('The sealed record is truncated.');
  const decipher = createDecipheriv(ALGORITHM, key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}
