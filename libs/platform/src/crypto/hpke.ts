/**
 * HPKE (RFC 9180) base mode, single shot, for the one suite CPX uses:
 * DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, on node:crypto's synchronous
 * primitives. Why not a library: `@hpke/core` runs every HKDF step through WebCrypto's
 * promise API, and a post paid about 2 ms of CPU at the gateway to seal a child's record
 * and about 1 ms at the alerts service to open it (docs/benchmarks.md, the run after ADR
 * 9); this is the same computation on synchronous primitives. That it interoperates with
 * `@hpke/core` (itself checked against the RFC's test vectors) both ways is what
 * hpke.spec.ts checks.
 */
import { createCipheriv, createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';

const KEM_ID = 0x0020; // DHKEM(X25519, HKDF-SHA256)
const KDF_ID = 0x0001; // HKDF-SHA256
const AEAD_ID = 0x0002; // AES-256-GCM
const MODE_BASE = 0x00;
const N_SECRET = 32;
const N_KEY = 32;
const N_NONCE = 12;
const TAG_BYTES = 16;
export const HPKE_ENC_BYTES = 32;

const VERSION_LABEL = Buffer.from('HPKE-v1');
const KEM_SUITE = Buffer.concat([Buffer.from('KEM'), u16(KEM_ID)]);
const HPKE_SUITE = Buffer.concat([Buffer.from('HPKE'), u16(KEM_ID), u16(KDF_ID), u16(AEAD_ID)]);
// DER prefixes of an X25519 key as PKCS#8 (private) and SPKI (public), around its 32 raw bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

function u16(value: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16BE(value);
  return out;
}

function extract(salt: Buffer, ikm: Buffer): Buffer {
  // An empty salt is HashLen zeros (RFC 5869); HMAC pads an empty key to exactly that.
  return createHmac('sha256', salt).update(ikm).digest();
}

function expand(prk: Buffer, info: Buffer, length: number): Buffer {
  // Every length CPX asks for (32 and 12) fits one SHA-256 block.
  if (length > 32) throw new Error('HPKE: expand beyond one block is not needed here.');
  return createHmac('sha256', prk).update(info).update(Buffer.from([1])).digest().subarray(0, length);
}

function labeledExtract(suite: Buffer, salt: Buffer, label: string, ikm: Buffer): Buffer {
  return extract(salt, Buffer.concat([VERSION_LABEL, suite, Buffer.from(label), ikm]));
}

function labeledExpand(suite: Buffer, prk: Buffer, label: string, info: Buffer, length: number): Buffer {
  return expand(prk, Buffer.concat([u16(length), VERSION_LABEL, suite, Buffer.from(label), info]), length);
}

/** An X25519 private key from its 32 raw bytes, with its public half (raw), as HPKE serialises it. */
export interface HpkeRecipientKey {
  privateKey: KeyObject;
  publicKey: Buffer;
}

export function hpkePrivateKey(raw: Buffer): HpkeRecipientKey {
  if (raw.length !== 32) throw new Error('An X25519 private key is 32 bytes.');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

export function hpkePublicKey(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new Error('An X25519 public key is 32 bytes.');
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

function rawPublicKey(key: KeyObject): Buffer {
  return Buffer.from(key.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
}

function dh(privateKey: KeyObject, publicKey: KeyObject): Buffer {
  const shared = diffieHellman({ privateKey, publicKey });
  // A low-order public key gives the all-zero output; RFC 9180 7.1.4 says to refuse it.
  if (shared.every((byte) => byte === 0)) throw new Error('HPKE: degenerate Diffie-Hellman output.');
  return shared;
}

function sharedSecret(dhOutput: Buffer, enc: Buffer, recipientPublic: Buffer): Buffer {
  const eaePrk = labeledExtract(KEM_SUITE, Buffer.alloc(0), 'eae_prk', dhOutput);
  return labeledExpand(KEM_SUITE, eaePrk, 'shared_secret', Buffer.concat([enc, recipientPublic]), N_SECRET);
}

function keySchedule(shared: Buffer, info: Uint8Array): { key: Buffer; nonce: Buffer } {
  const empty = Buffer.alloc(0);
  const pskIdHash = labeledExtract(HPKE_SUITE, empty, 'psk_id_hash', empty);
  const infoHash = labeledExtract(HPKE_SUITE, empty, 'info_hash', Buffer.from(info));
  const context = Buffer.concat([Buffer.from([MODE_BASE]), pskIdHash, infoHash]);
  const secret = labeledExtract(HPKE_SUITE, shared, 'secret', empty);
  return { key: labeledExpand(HPKE_SUITE, secret, 'key', context, N_KEY), nonce: labeledExpand(HPKE_SUITE, secret, 'base_nonce', context, N_NONCE) };
}

/** SealBase: one message to the recipient's public key. `ephemeral` is for test vectors only. */
export function hpkeSeal(
  recipient: { key: KeyObject; raw: Buffer },
  info: Uint8Array,
  aad: Uint8Array,
  plaintext: Uint8Array,
  ephemeral?: Buffer,
): { enc: Buffer; ciphertext: Buffer } {
  const senderPrivate = ephemeral ? hpkePrivateKey(ephemeral).privateKey : generateKeyPairSync('x25519').privateKey;
  const enc = rawPublicKey(createPublicKey(senderPrivate));
  const { key, nonce } = keySchedule(sharedSecret(dh(senderPrivate, recipient.key), enc, recipient.raw), info);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { enc, ciphertext };
}

/** OpenBase: throws on any mismatch (wrong key, info, aad, or tampered bytes). */
export function hpkeOpen(recipient: HpkeRecipientKey, enc: Uint8Array, info: Uint8Array, aad: Uint8Array, ciphertext: Uint8Array): Buffer {
  if (enc.length !== HPKE_ENC_BYTES || ciphertext.length < TAG_BYTES) throw new Error('HPKE: malformed sealed bytes.');
  const encBytes = Buffer.from(enc);
  const { key, nonce } = keySchedule(sharedSecret(dh(recipient.privateKey, hpkePublicKey(encBytes)), encBytes, recipient.publicKey), info);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(aad);
  decipher.setAuthTag(Buffer.from(ciphertext.subarray(ciphertext.length - TAG_BYTES)));
  return Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - TAG_BYTES)), decipher.final()]);
}
