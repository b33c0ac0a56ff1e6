/**
 * Keys that are written in the CPX repository, by the SHA-256 of their 32 bytes: the
 * local defaults of docker-compose.yml (private and public halves) and test fixtures.
 * Anyone can read them, so production mode refuses each (config/key-validators.ts), as it
 * refuses any key of 32 equal bytes (`Buffer.alloc(32, n)` in a test). A spec scans the
 * repository for key-like literals and fails on one missing here
 * (repository-keys.spec.ts), so a new fixture key cannot slip into production;
 * `npm run -s keys -- --repository` prints the list as it should be.
 */
import { hash } from 'node:crypto';

export const REPOSITORY_KEY_FINGERPRINTS: ReadonlySet<string> = new Set([
  '954d5a49fd70d9b8bcdb35d252267829957f7ef7fa6c74f88419bdc5e82209f4', // apps/alerts/src/alerts/post-alert.usecase.spec.ts
  'bbdfaed1db3f491a3a67d6fdb220186e6713d3c96f416baafb53e544fcf75ea2', // docker-compose.yml
  '50930368477dc83c387c8aeaa16194773b14819ed12b8e1b108e7f1e878c3cec', // docker-compose.yml
  '6275c6147b19bf69782666ec604d12721415938782d6256698549779968b7523', // docker-compose.yml
  '3d221f38998e85c160a2e4180ea336c99c8fce2363c557e8f8ee7f69560795ee', // docker-compose.yml
  'f3c1b21ad5b7e8c9d480af00930997193a83f9ad96daf9303f17671764cf813f', // docker-compose.yml
  '08a0f91caff5e3bc3e524d826c35fa10b8fec7489fd49d55476b38da0f3b9495', // docker-compose.yml
  '3c836a2d0e60a9e3c3f251ca55ed79e02e2375c29d972b155b72489d82eda68d', // docker-compose.yml
  '61de1404f54d2d4507df2ce8ed2713afed8c8676f6a38c351ed307b320359a3a', // docker-compose.yml
]);

export function keyFingerprint(key: Buffer): string {
  return hash('sha256', key, 'hex');
}

export function isRepositoryKey(key: Buffer): boolean {
  if (key.length > 0 && key.every((byte) => byte === key[0])) return true;
  return REPOSITORY_KEY_FINGERPRINTS.has(keyFingerprint(key));
}
