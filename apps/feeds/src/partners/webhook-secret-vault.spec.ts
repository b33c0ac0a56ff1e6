import { randomBytes } from 'node:crypto';
import { newWebhookSecret } from './domain/webhook-secret';
import { needsSealing, openSecrets, sealedParameters, type StoredSecrets } from './subscription-secrets';
import { parseSecretKeys, WebhookSecretVault } from './webhook-secret-vault';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const subscription = '0b0e6a4e-0000-4000-8000-000000000001';
const other = '0b0e6a4e-0000-4000-8000-000000000002';

describe('webhook secret vault', () => {
  const vault = new WebhookSecretVault(new Map([['k1', k1]]), 'k1');
  const secret = newWebhookSecret();

  it('seals and opens, with a fresh iv each time, and the ciphertext holds nothing of the secret', () => {
    const sealed = vault.seal(subscription, 'secret', secret);
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed.includes(Buffer.from('whsec_'))).toBe(false);
    expect(sealed.sealed.includes(Buffer.from(secret.slice(6), 'base64').subarray(0, 8))).toBe(false);
    expect(vault.open(subscription, 'secret', sealed)).toBe(secret);
    expect(vault.seal(subscription, 'secret', secret).sealed.equals(sealed.sealed)).toBe(false);
  });

  it('does not open a ciphertext copied onto another subscription or into the other column', () => {
    const sealed = vault.seal(subscription, 'secret', secret);
    expect(() => vault.open(other, 'secret', sealed)).toThrow();
    expect(() => vault.open(subscription, 'previous_secret', sealed)).toThrow();
  });

  it('does not open a tampered ciphertext, a relabelled key id, or under another master key', () => {
    const sealed = vault.seal(subscription, 'secret', secret);
    for (const index of [0, 14, sealed.sealed.length - 1]) {
      const tampered = Buffer.from(sealed.sealed);
      tampered[index] ^= 1;
      expect(() => vault.open(subscription, 'secret', { ...sealed, sealed: tampered })).toThrow();
    }
    expect(() => vault.open(subscription, 'secret', { ...sealed, sealed: sealed.sealed.subarray(0, 20) })).toThrow(/truncated/);
    const sameKeyTwoNames = new WebhookSecretVault(new Map([['k1', k1], ['k1b', k1]]), 'k1');
    expect(() => sameKeyTwoNames.open(subscription, 'secret', { ...sealed, keyId: 'k1b' })).toThrow();
    const stranger = new WebhookSecretVault(new Map([['k1', randomBytes(32)]]), 'k1');
    expect(() => stranger.open(subscription, 'secret', sealed)).toThrow();
  });

  it('rotates: the old key still opens while the new one seals, and once removed the old secrets say which key they need', () => {
    const old = vault.seal(subscription, 'secret', secret);
    const rotating = new WebhookSecretVault(new Map([['k1', k1], ['k2', k2]]), 'k2');
    expect(rotating.open(subscription, 'secret', old)).toBe(secret);
    const resealed = rotating.seal(subscription, 'secret', secret);
    expect(resealed.keyId).toBe('k2');
    const afterRotation = new WebhookSecretVault(new Map([['k2', k2]]), 'k2');
    expect(afterRotation.open(subscription, 'secret', resealed)).toBe(secret);
    expect(() => afterRotation.open(subscription, 'secret', old)).toThrow(/k1 is not in FEEDS_SECRET_KEYS/);
  });

  it('never puts the secret in an error', () => {
    const sealed = vault.seal(subscription, 'secret', secret);
    const messages = [
      () => vault.open(other, 'secret', sealed),
      () => new WebhookSecretVault(new Map([['k2', k2]]), 'k2').open(subscription, 'secret', sealed),
    ].map((attempt) => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    });
    for (const message of messages) expect(message).not.toContain(secret.slice(6, 20));
  });

  it('parses master keys, refusing short ones and ids listed twice, and needs its active key', () => {
    const keys = parseSecretKeys(`k1:${k1.toString('base64')}, k2:${k2.toString('base64')}`);
    expect([...keys.keys()]).toEqual(['k1', 'k2']);
    expect(() => parseSecretKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32 bytes/);
    expect(() => parseSecretKeys(`k1:${k1.toString('base64')},k1:${k2.toString('base64')}`)).toThrow(/twice/);
    expect(() => parseSecretKeys('nokey')).toThrow();
    expect(() => new WebhookSecretVault(keys, 'k3')).toThrow(/not configured/);
  });
});

describe('stored secrets', () => {
  const vault = new WebhookSecretVault(new Map([['k1', k1], ['k2', k2]]), 'k2');
  const current = newWebhookSecret();
  const previous = newWebhookSecret();
  const sealedRow = (): StoredSecrets => {
    const [secretKeyId, secretSealed, previousKeyId, previousSealed] = sealedParameters(vault, subscription, { current, previous });
    return { secret: null, secret_key_id: secretKeyId, secret_sealed: secretSealed, previous_secret: null, previous_secret_key_id: previousKeyId, previous_secret_sealed: previousSealed };
  };

  it('opens sealed rows, and rows from before sealing (clear) still work but ask to be sealed', () => {
    expect(openSecrets(vault, subscription, sealedRow())).toEqual({ current, previous });
    expect(needsSealing(vault, sealedRow())).toBe(false);
    const clear: StoredSecrets = { secret: current, secret_key_id: null, secret_sealed: null, previous_secret: null, previous_secret_key_id: null, previous_secret_sealed: null };
    expect(openSecrets(vault, subscription, clear)).toEqual({ current, previous: undefined });
    expect(needsSealing(vault, clear)).toBe(true);
  });

  it('asks to re-seal a row sealed under a key that is no longer active', () => {
    const old = new WebhookSecretVault(new Map([['k1', k1]]), 'k1');
    const [keyId, sealed] = sealedParameters(old, subscription, { current });
    const row: StoredSecrets = { secret: null, secret_key_id: keyId, secret_sealed: sealed, previous_secret: null, previous_secret_key_id: null, previous_secret_sealed: null };
    expect(needsSealing(vault, row)).toBe(true);
    expect(openSecrets(vault, subscription, row)).toEqual({ current, previous: undefined });
  });

  it('does not open a row whose sealed secrets were swapped between columns', () => {
    const row = sealedRow();
    const swapped: StoredSecrets = { ...row, secret_sealed: row.previous_secret_sealed, previous_secret_sealed: row.secret_sealed };
    expect(() => openSecrets(vault, subscription, swapped)).toThrow();
  });
});
