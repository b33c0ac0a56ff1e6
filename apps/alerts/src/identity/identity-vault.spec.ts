import { randomBytes } from 'node:crypto';
import { IdentityVault, parseMasterKeys } from './identity-vault';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const identity = Buffer.from(JSON.stringify({ givenNames: ['Ана'], familyNames: ['Јовановић'] }));

describe('identity vault (envelope encryption)', () => {
  const vault = new IdentityVault(new Map([['k1', k1]]), 'k1');

  it('seals and opens, and the ciphertext does not contain the plaintext', () => {
    const sealed = vault.seal('alert-1', identity);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext.includes(Buffer.from('Јовановић'))).toBe(false);
    expect(vault.open('alert-1', sealed)).toEqual(identity);
  });

  it('uses a fresh data key and iv per record', () => {
    const a = vault.seal('alert-1', identity);
    const b = vault.seal('alert-1', identity);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(a.wrappedKey.equals(b.wrappedKey)).toBe(false);
  });

  it('refuses a record moved to another alert, tampered with, or opened with another key', () => {
    const sealed = vault.seal('alert-1', identity);
    expect(() => vault.open('alert-2', sealed)).toThrow();
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[20] ^= 1;
    expect(() => vault.open('alert-1', { ...sealed, ciphertext: tampered })).toThrow();
    const stranger = new IdentityVault(new Map([['k1', randomBytes(32)]]), 'k1');
    expect(() => stranger.open('alert-1', sealed)).toThrow();
  });

  it('rotates: re-wraps old records under the new key, and both keys open during the rotation', () => {
    const old = vault.seal('alert-1', identity);
    const rotating = new IdentityVault(new Map([['k1', k1], ['k2', k2]]), 'k2');
    expect(rotating.open('alert-1', old)).toEqual(identity);
    const rewrapped = rotating.rewrap('alert-1', old)!;
    expect(rewrapped.keyId).toBe('k2');
    expect(rewrapped.ciphertext).toBe(old.ciphertext);
    expect(rotating.rewrap('alert-1', rewrapped)).toBeUndefined();
    const afterRotation = new IdentityVault(new Map([['k2', k2]]), 'k2');
    expect(afterRotation.open('alert-1', rewrapped)).toEqual(identity);
    expect(() => afterRotation.open('alert-1', old)).toThrow(/k1 is not configured/);
  });

  it('parses master keys and refuses short ones', () => {
    const keys = parseMasterKeys(`k1:${k1.toString('base64')}, k2:${k2.toString('base64')}`);
    expect([...keys.keys()]).toEqual(['k1', 'k2']);
    expect(() => parseMasterKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseMasterKeys('nokey')).toThrow();
    expect(() => new IdentityVault(keys, 'k3')).toThrow(/not configured/);
  });
});
