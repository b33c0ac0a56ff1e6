import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from '@hpke/core';
import { hpkeOpen, hpkePrivateKey, hpkePublicKey, hpkeSeal } from './hpke';
import { newKeyPair } from './key-pairs';

// A reference implementation of the same suite (WebCrypto, checked against RFC 9180's
// vectors by its authors): what CPX seals it must open, and the other way round, so that
// either side can be replaced without the other noticing.
const reference = new CipherSuite({ kem: new DhkemX25519HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
const info = new TextEncoder().encode('cpx.sealed.v1|cpx.alerts.v1.PostAlert|key-1');
const aad = Buffer.from([1, 3, 0x61, 0x2d, 0x31]);
const plaintext = new TextEncoder().encode('Марко Јовановић, 14');

describe('HPKE base mode, DHKEM(X25519, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM', () => {
  it('opens what the reference implementation sealed', async () => {
    const pair = newKeyPair('x25519');
    const { enc, ct } = await reference.seal({ recipientPublicKey: await reference.kem.deserializePublicKey(pair.publicKey), info }, plaintext, aad);
    expect(new TextDecoder().decode(hpkeOpen(hpkePrivateKey(pair.privateKey), new Uint8Array(enc), info, aad, new Uint8Array(ct)))).toBe('Марко Јовановић, 14');
  });

  it('seals what the reference implementation opens', async () => {
    const pair = newKeyPair('x25519');
    const { enc, ciphertext } = hpkeSeal({ key: hpkePublicKey(pair.publicKey), raw: pair.publicKey }, info, aad, plaintext);
    const opened = await reference.open({ recipientKey: await reference.kem.deserializePrivateKey(pair.privateKey), enc, info }, ciphertext, aad);
    expect(new TextDecoder().decode(opened)).toBe('Марко Јовановић, 14');
  });

  it('derives the same public key from a private key as the reference does', async () => {
    const pair = newKeyPair('x25519');
    expect(hpkePrivateKey(pair.privateKey).publicKey).toEqual(pair.publicKey);
  });

  it('uses a fresh ephemeral key each time: the same message never seals the same way', () => {
    const pair = newKeyPair('x25519');
    const recipient = { key: hpkePublicKey(pair.publicKey), raw: pair.publicKey };
    const first = hpkeSeal(recipient, info, aad, plaintext);
    const second = hpkeSeal(recipient, info, aad, plaintext);
    expect(first.enc.equals(second.enc)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
  });

  it('refuses another key, another info, another aad, a flipped bit and a low-order point', () => {
    const pair = newKeyPair('x25519');
    const other = newKeyPair('x25519');
    const { enc, ciphertext } = hpkeSeal({ key: hpkePublicKey(pair.publicKey), raw: pair.publicKey }, info, aad, plaintext);
    const key = hpkePrivateKey(pair.privateKey);
    expect(() => hpkeOpen(hpkePrivateKey(other.privateKey), enc, info, aad, ciphertext)).toThrow();
    expect(() => hpkeOpen(key, enc, new TextEncoder().encode('cpx.sealed.v1|other'), aad, ciphertext)).toThrow();
    expect(() => hpkeOpen(key, enc, info, Buffer.from([1, 3, 0x61, 0x2d, 0x32]), ciphertext)).toThrow();
    const flipped = Buffer.from(ciphertext);
    flipped[0]! ^= 1;
    expect(() => hpkeOpen(key, enc, info, aad, flipped)).toThrow();
    // u = 0 is a low-order point: its Diffie-Hellman output is all zeros, which is refused
    // (OpenSSL refuses the derivation; hpke.ts checks it too, RFC 9180 7.1.4).
    expect(() => hpkeOpen(key, Buffer.alloc(32), info, aad, ciphertext)).toThrow(/derivation|degenerate/);
    expect(() => hpkeOpen(key, enc.subarray(1), info, aad, ciphertext)).toThrow();
  });
});
