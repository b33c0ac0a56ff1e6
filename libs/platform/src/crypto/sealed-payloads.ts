/**
 * Sensitive payloads in transit over Kafka, sealed to one recipient with HPKE (RFC 9180,
 * base mode: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM). A child's record goes
 * from the gateway to the alerts service sealed to the alerts service's public key; a
 * revealed record and a new webhook secret come back sealed to the gateway's. Request and
 * reply topics are written to the broker's disk, and every service reads some of them:
 * only the recipient holds the private key that opens what is sealed to it (ADR 0009).
 *
 * The context (operation and subject, e.g. `cpx.alerts.v1.PostAlert|<idempotency key>`)
 * is HPKE's `info`, so a sealed payload cannot be replayed onto another alert or
 * operation. A sealed payload names the key id it was sealed to: the sender seals to the
 * recipient's active key, the recipient opens with any key it still lists (rotation).
 *
 * Layout: version (1) | key id length (1) | key id | enc (32) | ciphertext with tag.
 * The header (version and key id) is the AEAD's associated data.
 */
import type { KeyObject } from 'node:crypto';
import { fromBinary, toBinary, create, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import { DomainError } from '../errors/domain-error';
import { HPKE_ENC_BYTES, hpkeOpen, hpkePrivateKey, hpkePublicKey, hpkeSeal, type HpkeRecipientKey } from './hpke';
import { activeKey, parseKeyList } from './key-list';

const VERSION = 1;
const ENC_BYTES = HPKE_ENC_BYTES;
const TAG_BYTES = 16;
const text = new TextEncoder();

const info = (context: string): Uint8Array => text.encode(`cpx.sealed.v1|${context}`);

function header(keyId: string): Buffer {
  const id = Buffer.from(keyId, 'utf8');
  if (id.length === 0 || id.length > 255) throw new Error(`A key id must be 1 to 255 bytes: "${keyId}".`);
  return Buffer.concat([Buffer.from([VERSION, id.length]), id]);
}

/** Seals to one recipient, with its active public key. Holds no key that opens anything. */
export class PayloadSealer {
  private constructor(
    private readonly header: Buffer,
    private readonly publicKey: { key: KeyObject; raw: Buffer },
  ) {}

  /** `publicKeys` are the recipient's, by key id (its variable lists them); `activeId` is the one sealed to. */
  static async create(publicKeys: Map<string, Buffer>, activeId: string, variable: string): Promise<PayloadSealer> {
    const { id, key } = activeKey(publicKeys, activeId, variable);
    return new PayloadSealer(header(id), { key: hpkePublicKey(key), raw: key });
  }

  async seal<Desc extends DescMessage>(schema: Desc, message: MessageInitShape<Desc>, context: string): Promise<Uint8Array> {
    const { enc, ciphertext } = hpkeSeal(this.publicKey, info(context), this.header, toBinary(schema, create(schema, message)));
    return Buffer.concat([this.header, enc, ciphertext]);
  }
}

/** Opens what was sealed to this holder, with any of its listed private keys. */
export class PayloadOpener {
  private constructor(private readonly privateKeys: Map<string, HpkeRecipientKey>) {}

  static async create(privateKeys: Map<string, Buffer>, variable: string): Promise<PayloadOpener> {
    if (privateKeys.size === 0) throw new Error(`${variable} lists no key.`);
    const keys = new Map<string, HpkeRecipientKey>();
    for (const [id, key] of privateKeys) {
      header(id);
      keys.set(id, hpkePrivateKey(key));
    }
    return new PayloadOpener(keys);
  }

  /** Opens a sealed payload; a missing, tampered, misplaced or foreign one is the caller's input error. */
  async open<Desc extends DescMessage>(schema: Desc, sealed: Uint8Array, context: string, field: string): Promise<MessageShape<Desc>> {
    const bytes = Buffer.from(sealed);
    const idLength = bytes[1] ?? 0;
    const headerLength = 2 + idLength;
    if (bytes[0] !== VERSION || idLength === 0 || bytes.length < headerLength + ENC_BYTES + TAG_BYTES) {
      throw DomainError.badInput(field, `${field} is missing or not sealed for this platform.`);
    }
    const privateKey = this.privateKeys.get(bytes.subarray(2, headerLength).toString('utf8'));
    if (!privateKey) throw DomainError.badInput(field, `${field} could not be opened: it was sealed to a key this service does not hold.`);
    let plain: Buffer;
    try {
      plain = hpkeOpen(privateKey, bytes.subarray(headerLength, headerLength + ENC_BYTES), info(context), bytes.subarray(0, headerLength), bytes.subarray(headerLength + ENC_BYTES));
    } catch {
      throw DomainError.badInput(field, `${field} could not be opened: it was not sealed for this operation.`);
    }
    try {
      return fromBinary(schema, new Uint8Array(plain));
    } catch {
      throw DomainError.badInput(field, `${field} could not be decoded.`);
    }
  }
}

// The contexts are declared in the contracts, which both the sealer and the opener read.
export { postAlertContext, revealIdentityContext, webhookSecretContext } from '@cpx/contracts';

/** A service's sealer to the gateway (CPX_GATEWAY_SEALING_KEYS), for what goes back to it sealed. */
export function sealerToGateway(config: { CPX_GATEWAY_SEALING_KEYS?: string; CPX_GATEWAY_SEALING_KEY_ID?: string }, why: string): Promise<PayloadSealer> {
  if (!config.CPX_GATEWAY_SEALING_KEYS || !config.CPX_GATEWAY_SEALING_KEY_ID) {
    throw new Error(`CPX_GATEWAY_SEALING_KEYS and CPX_GATEWAY_SEALING_KEY_ID are required: ${why}.`);
  }
  return PayloadSealer.create(
    parseKeyList(config.CPX_GATEWAY_SEALING_KEYS, 'CPX_GATEWAY_SEALING_KEYS'),
    config.CPX_GATEWAY_SEALING_KEY_ID,
    'CPX_GATEWAY_SEALING_KEYS',
  );
}
