/**
 * The digest that tells a replay of a post (same idempotency key, same request) from a
 * different post that reuses the key.
 *
 * It covers the child's record, so a plain hash would let anyone who reads the database
 * confirm a guessed identity (names, date of birth) against it, even after the identity
 * itself was erased. So it is an HMAC, under a key derived (HKDF) from an identity master
 * key: whoever cannot open the sealed identities cannot test guesses against the digest
 * either. It names the master key it was derived from, so a replay is still recognised
 * while the master keys rotate, and it is erased with the identity.
 *
 * It is computed over the post's normalised form (normalisedPost), so a replay that only
 * lists countries in another order or pads the title with spaces is still a replay.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/** The fields of a post that a replay must repeat (PostAlertInput, normalised). */
export interface DigestedPost {
  kind: string;
  urgency: string;
  originCountry: string;
  targetCountries: readonly string[];
  targetAgencyTypes: readonly string[];
  title: string;
  summary: string;
}

const SCHEME = 'hmac-sha256';
const KEY_INFO = 'cpx.alerts.v1.PostAlert request digest';

/**
 * `same`: a replay. `different`: another request under the same key. `unknown`: no longer
 * comparable (the identity was erased, or the master key it was made under is retired).
 */
export type ReplayComparison = 'same' | 'different' | 'unknown';

export class RequestDigests {
  private readonly digestKeys = new Map<string, Buffer>();

  constructor(
    masterKeys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    for (const [id, key] of masterKeys) {
      // A key of its own, not the master key itself: one key, one purpose.
      this.digestKeys.set(id, Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), KEY_INFO, 32)));
    }
    if (!this.digestKeys.has(activeKeyId)) throw new Error(`The active master key ${activeKeyId} is not configured.`);
  }

  /** The digest stored with a new post: `hmac-sha256:<key id>:<base64url>`. */
  digest(post: DigestedPost, child: Uint8Array): string {
    return `${SCHEME}:${this.activeKeyId}:${this.mac(this.digestKeys.get(this.activeKeyId)!, post, child)}`;
  }

  compare(stored: string | null, post: DigestedPost, child: Uint8Array): ReplayComparison {
    if (stored === null) return 'unknown';
    const [scheme, keyId, mac, ...rest] = stored.split(':');
    const key = keyId === undefined ? undefined : this.digestKeys.get(keyId);
    // Earlier digests (plain SHA-256) were erased by migration 1764370000400.
    if (scheme !== SCHEME || !key || mac === undefined || rest.length > 0) return 'unknown';
    const expected = Buffer.from(this.mac(key, post, child));
    const actual = Buffer.from(mac);
    return expected.length === actual.length && timingSafeEqual(expected, actual) ? 'same' : 'different';
  }

  private mac(key: Buffer, post: DigestedPost, child: Uint8Array): string {
    // Every field a replay must repeat, in a fixed order; JSON keeps the texts apart, and
    // the length prefix keeps them apart from the child's record that follows.
    const fields = Buffer.from(
      JSON.stringify([post.kind, post.urgency, post.originCountry, post.targetCountries, post.targetAgencyTypes, post.title, post.summary]),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32BE(fields.length);
    return createHmac('sha256', key).update(length).update(fields).update(child).digest('base64url');
  }
}
