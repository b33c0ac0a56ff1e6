import { createHash, randomBytes } from 'node:crypto';
import { normalisedPost, PostAlertInput } from '../post-alert.input';
import { RequestDigests } from './request-digest';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const child = Buffer.from('Ljubica Stanković 2012-05-31');

function aPost(overrides: Partial<PostAlertInput> = {}): PostAlertInput {
  return normalisedPost(
    Object.assign(new PostAlertInput(), {
      idempotencyKey: 'key-0001',
      kind: 'MISSING_CHILD',
      urgency: 'HIGH',
      originCountry: 'RS',
      targetCountries: ['FR', 'HR'],
      targetAgencyTypes: ['POLICE'],
      title: 'Girl missing after leaving a shelter',
      summary: 'Believed to be travelling towards Paris.',
      ...overrides,
    }),
  );
}

describe('request digests (telling a replay from another post under the same key)', () => {
  const digests = new RequestDigests(new Map([['k1', k1]]), 'k1');

  it('is keyed: neither a plain hash of the request nor the same under another master key', () => {
    const digest = digests.digest(aPost(), child);
    expect(digest).toMatch(/^hmac-sha256:k1:[A-Za-z0-9_-]{43}$/);
    const mac = digest.split(':')[2];
    expect(mac).not.toBe(createHash('sha256').update(child).digest('base64url'));
    expect(new RequestDigests(new Map([['k1', k2]]), 'k1').digest(aPost(), child)).not.toBe(digest);
  });

  it('recognises the same post, and tells apart a post that differs in any field or in the child', () => {
    const stored = digests.digest(aPost(), child);
    expect(digests.compare(stored, aPost(), child)).toBe('same');
    expect(digests.compare(stored, aPost({ idempotencyKey: 'another-key' }), child)).toBe('same');
    for (const other of [
      aPost({ kind: 'SUSPECTED_TRAFFICKING' }),
      aPost({ urgency: 'CRITICAL' }),
      aPost({ targetCountries: ['FR'] }),
      aPost({ targetAgencyTypes: [] }),
      aPost({ title: 'Boy missing after leaving a shelter' }),
      aPost({ summary: '' }),
    ]) {
      expect(digests.compare(stored, other, child)).toBe('different');
    }
    expect(digests.compare(stored, aPost(), Buffer.from('Ljubica Stanković 2012-06-01'))).toBe('different');
  });

  it('keeps fields apart: text moved from the title to the summary is another post', () => {
    const stored = digests.digest(aPost({ title: 'a b', summary: 'c' }), child);
    expect(digests.compare(stored, aPost({ title: 'a', summary: 'b c' }), child)).toBe('different');
  });

  it('still recognises a replay while master keys rotate, and not once the old key is retired', () => {
    const stored = digests.digest(aPost(), child);
    const rotating = new RequestDigests(new Map([['k1', k1], ['k2', k2]]), 'k2');
    expect(rotating.compare(stored, aPost(), child)).toBe('same');
    expect(rotating.digest(aPost(), child)).toMatch(/^hmac-sha256:k2:/);
    expect(new RequestDigests(new Map([['k2', k2]]), 'k2').compare(stored, aPost(), child)).toBe('unknown');
  });

  it('cannot compare an erased digest, nor a plain SHA-256 one from before keying', () => {
    expect(digests.compare(null, aPost(), child)).toBe('unknown');
    expect(digests.compare(createHash('sha256').update(child).digest('base64url'), aPost(), child)).toBe('unknown');
    expect(digests.compare('hmac-sha256:k1', aPost(), child)).toBe('unknown');
  });
});

describe('normalisedPost', () => {
  it('spells the same post one way: target lists as sorted sets, texts in NFC without surrounding spaces', () => {
    const post = aPost({ targetCountries: ['HR', 'FR', 'HR'], targetAgencyTypes: ['SOCIAL_SERVICES', 'POLICE', 'POLICE'], title: ' Djevojc\u030Cica ', summary: '\tx\n' });
    expect(post).toMatchObject({ targetCountries: ['FR', 'HR'], targetAgencyTypes: ['POLICE', 'SOCIAL_SERVICES'], title: 'Djevojčica', summary: 'x' });
    expect(post).toBeInstanceOf(PostAlertInput);
  });
});
