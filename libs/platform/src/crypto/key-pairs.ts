/**
 * The asymmetric keys of CPX, each 32 raw bytes written `<key id>:<base64>` in
 * configuration (see key-list.ts): Ed25519 for the principal the gateway signs, X25519
 * for what is sealed to one recipient (HPKE, sealed-payloads.ts). The stack and the test
 * harnesses make pairs with these; a deployment makes its own with `npm run keys`.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface RawKeyPair {
  /** The secret half: an Ed25519 seed or an X25519 scalar, 32 bytes. */
  privateKey: Buffer;
  publicKey: Buffer;
}

export type KeyKind = 'ed25519' | 'x25519';

// DER prefixes of PKCS #8 and SPKI for the two curves: the raw 32 bytes follow them.
const PKCS8_PREFIX: Record<KeyKind, string> = {
  ed25519: '302e020100300506032b657004220420',
  x25519: '302e020100300506032b656e04220420',
};
const SPKI_PREFIX: Record<KeyKind, string> = {
  ed25519: '302a300506032b6570032100',
  x25519: '302a300506032b656e032100',
};

export function newKeyPair(kind: KeyKind): RawKeyPair {
  const { privateKey } = generateKeyPairSync(kind as 'ed25519');
  const raw = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  return { privateKey: raw, publicKey: publicKeyOf(kind, raw) };
}

export function privateKeyObject(kind: KeyKind, raw: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([Buffer.from(PKCS8_PREFIX[kind], 'hex'), raw]), format: 'der', type: 'pkcs8' });
}

export function publicKeyObject(kind: KeyKind, raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([Buffer.from(SPKI_PREFIX[kind], 'hex'), raw]), format: 'der', type: 'spki' });
}

/** The public half of a raw private key. */
export function publicKeyOf(kind: KeyKind, rawPrivate: Buffer): Buffer {
  return Buffer.from(createPublicKey(privateKeyObject(kind, rawPrivate)).export({ format: 'jwk' }).x!, 'base64url');
}
