import { ChildIdentitySchema } from '@cpx/contracts';
import { DomainError } from '../errors/domain-error';
import { newKeyPair } from './key-pairs';
import { PayloadOpener, PayloadSealer, postAlertContext, revealIdentityContext } from './sealed-payloads';

const child = { givenNames: ['Ана'], familyNames: ['Јовановић'] };
const context = postAlertContext('key-1');

async function recipient(...ids: string[]) {
  const pairs = new Map(ids.map((id) => [id, newKeyPair('x25519')]));
  const publicKeys = new Map([...pairs].map(([id, pair]) => [id, pair.publicKey]));
  const privateKeys = new Map([...pairs].map(([id, pair]) => [id, pair.privateKey]));
  return {
    publicKeys,
    privateKeys,
    sealer: (active: string) => PayloadSealer.create(publicKeys, active, 'TEST_SEALING_KEYS'),
    opener: () => PayloadOpener.create(privateKeys, 'TEST_OPENING_KEYS'),
  };
}

async function failure(attempt: Promise<unknown>): Promise<unknown> {
  try {
    await attempt;
  } catch (error) {
    return error;
  }
  throw new Error('expected the payload not to open');
}

describe('payloads sealed to one recipient (HPKE)', () => {
  it('round-trips and hides the record', async () => {
    const alerts = await recipient('a-1');
    const sealed = await (await alerts.sealer('a-1')).seal(ChildIdentitySchema, child, context);
    expect(Buffer.from(sealed).includes(Buffer.from('Јовановић'))).toBe(false);
    expect(await (await alerts.opener()).open(ChildIdentitySchema, sealed, context, 'input.child')).toMatchObject(child);
  });

  it('refuses another context, another recipient\'s key, a key of the same id, tampering and emptiness as bad input', async () => {
    const alerts = await recipient('a-1');
    const sealed = Buffer.from(await (await alerts.sealer('a-1')).seal(ChildIdentitySchema, child, context));
    const opener = await alerts.opener();
    const impostor = await (await recipient('a-1')).opener(); // same key id, another key
    const flipped = (at: number) => Buffer.concat([sealed.subarray(0, at), Buffer.from([sealed[at]! ^ 0xff]), sealed.subarray(at + 1)]);
    const attempts: [string, () => Promise<unknown>][] = [
      ['another context', () => opener.open(ChildIdentitySchema, sealed, postAlertContext('key-2'), 'input.child')],
      ['another operation', () => opener.open(ChildIdentitySchema, sealed, revealIdentityContext('key-1'), 'input.child')],
      ['another key under the same id', () => impostor.open(ChildIdentitySchema, sealed, context, 'input.child')],
      ['the version changed', () => opener.open(ChildIdentitySchema, flipped(0), context, 'input.child')],
      ['the key id changed', () => opener.open(ChildIdentitySchema, flipped(2), context, 'input.child')],
      ['the encapsulated key changed', () => opener.open(ChildIdentitySchema, flipped(10), context, 'input.child')],
      ['the ciphertext changed', () => opener.open(ChildIdentitySchema, flipped(sealed.length - 20), context, 'input.child')],
      ['the tag changed', () => opener.open(ChildIdentitySchema, flipped(sealed.length - 1), context, 'input.child')],
      ['truncated', () => opener.open(ChildIdentitySchema, sealed.subarray(0, sealed.length - 1), context, 'input.child')],
      ['empty', () => opener.open(ChildIdentitySchema, new Uint8Array(), context, 'input.child')],
    ];
    for (const [what, attempt] of attempts) {
      const error = await failure(attempt());
      expect([what, error instanceof DomainError]).toEqual([what, true]);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.child' });
    }
  });

  it('rotates: what was sealed to the old key still opens while it is listed, new payloads go to the new key', async () => {
    const alerts = await recipient('old', 'new');
    const underOld = await (await alerts.sealer('old')).seal(ChildIdentitySchema, child, context);
    const underNew = await (await alerts.sealer('new')).seal(ChildIdentitySchema, child, context);
    const both = await alerts.opener();
    expect(await both.open(ChildIdentitySchema, underOld, context, 'input.child')).toMatchObject(child);
    expect(await both.open(ChildIdentitySchema, underNew, context, 'input.child')).toMatchObject(child);
    // The old key retired: only what was sealed to the new one opens.
    const newOnly = await PayloadOpener.create(new Map([['new', alerts.privateKeys.get('new')!]]), 'TEST_OPENING_KEYS');
    expect(await newOnly.open(ChildIdentitySchema, underNew, context, 'input.child')).toMatchObject(child);
    expect(await failure(newOnly.open(ChildIdentitySchema, underOld, context, 'input.child'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses an active key id that is not listed, and a key list that is empty', async () => {
    const alerts = await recipient('a-1');
    await expect(alerts.sealer('a-2')).rejects.toThrow(/a-2.*TEST_SEALING_KEYS/);
    await expect(PayloadOpener.create(new Map(), 'TEST_OPENING_KEYS')).rejects.toThrow(/TEST_OPENING_KEYS/);
  });

  it('cannot be opened with the public key the sender holds', async () => {
    const alerts = await recipient('a-1');
    const sealed = await (await alerts.sealer('a-1')).seal(ChildIdentitySchema, child, context);
    // A sender (the gateway, for a child's record) holds the public key only; used as a private key it opens nothing.
    const misused = await PayloadOpener.create(alerts.publicKeys, 'TEST_OPENING_KEYS');
    expect(await failure(misused.open(ChildIdentitySchema, sealed, context, 'input.child'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
