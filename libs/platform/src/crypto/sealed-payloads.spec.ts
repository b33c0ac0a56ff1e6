import { randomBytes } from 'node:crypto';
import { ChildIdentitySchema } from '@cpx/contracts';
import { DomainError } from '../errors/domain-error';
import { SealedPayloads, postAlertContext } from './sealed-payloads';

describe('sealed payloads in transit', () => {
  const key = randomBytes(32).toString('base64');
  const payloads = new SealedPayloads(key);
  const child = { givenNames: ['Ана'], familyNames: ['Јовановић'] };

  it('round-trips and hides the record', () => {
    const sealed = payloads.seal(ChildIdentitySchema, child, postAlertContext('key-1'));
    expect(Buffer.from(sealed).includes(Buffer.from('Јовановић'))).toBe(false);
    expect(payloads.open(ChildIdentitySchema, sealed, postAlertContext('key-1'), 'input.child')).toMatchObject(child);
  });

  it('refuses another context, another key, tampering and emptiness as bad input', () => {
    const sealed = payloads.seal(ChildIdentitySchema, child, postAlertContext('key-1'));
    const attempts = [
      () => payloads.open(ChildIdentitySchema, sealed, postAlertContext('key-2'), 'input.child'),
      () => new SealedPayloads(randomBytes(32).toString('base64')).open(ChildIdentitySchema, sealed, postAlertContext('key-1'), 'input.child'),
      // One byte flipped (every bit: setting it to a fixed value left it unchanged one run in 256).
      () => payloads.open(ChildIdentitySchema, Buffer.concat([Buffer.from(sealed.subarray(0, 20)), Buffer.from([sealed[20]! ^ 0xff]), Buffer.from(sealed.subarray(21))]), postAlertContext('key-1'), 'input.child'),
      () => payloads.open(ChildIdentitySchema, new Uint8Array(), postAlertContext('key-1'), 'input.child'),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(DomainError);
      try {
        attempt();
      } catch (error) {
        expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.child' });
      }
    }
  });

  it('refuses a key of the wrong size', () => {
    expect(() => new SealedPayloads(randomBytes(16).toString('base64'))).toThrow(/32 bytes/);
  });
});
