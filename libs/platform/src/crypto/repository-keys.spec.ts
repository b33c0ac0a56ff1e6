import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { keyLiteralsIn } from './repository-key-scan';
import { isRepositoryKey, keyFingerprint } from './repository-keys';
import { newKeyPair } from './key-pairs';

describe('keys written in the repository', () => {
  const root = path.resolve(__dirname, '../../../..');

  it('are all listed, so that production mode refuses each (a new fixture key must be added to the list)', () => {
    const found = keyLiteralsIn(root);
    // docker-compose.yml's local defaults are among them: private halves and public ones.
    expect(found.filter((literal) => literal.file === 'docker-compose.yml').length).toBeGreaterThanOrEqual(8);
    const missing = found.filter((literal) => !isRepositoryKey(literal.key)).map((literal) => `${literal.file}: ${keyFingerprint(literal.key)}`);
    expect(missing).toEqual([]);
  });

  it('include any key of 32 equal bytes, and no freshly made key', () => {
    expect(isRepositoryKey(Buffer.alloc(32, 7))).toBe(true);
    expect(isRepositoryKey(Buffer.alloc(32))).toBe(true);
    expect(isRepositoryKey(randomBytes(32))).toBe(false);
    expect(isRepositoryKey(newKeyPair('ed25519').privateKey)).toBe(false);
  });
});
