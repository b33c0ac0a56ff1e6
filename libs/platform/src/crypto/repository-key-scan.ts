/**
 * Finds key-like literals in the repository's tracked files: 32 bytes written in base64
 * or base64url (as every CPX key is), with digits and both cases (which ids and paths of
 * the same length lack). Used by repository-keys.spec.ts and to refresh the list.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SKIPPED = [/^package-lock\.json$/, /\.binpb$/, /^libs\/contracts\/src\/gen\//, /\.(png|jpg|jpeg|gif|ico|woff2?)$/];
const CANDIDATE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{43}=?(?![A-Za-z0-9+/_-])/g;

export interface FoundKey {
  file: string;
  written: string;
  key: Buffer;
}

export function keyLiteralsIn(root: string): FoundKey[] {
  const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  const found: FoundKey[] = [];
  for (const file of files) {
    if (SKIPPED.some((pattern) => pattern.test(file))) continue;
    let content: string;
    try {
      content = readFileSync(path.join(root, file), 'utf8');
    } catch {
      continue; // listed but absent (deleted in the work tree)
    }
    for (const [written] of content.matchAll(CANDIDATE)) {
      if (!/[0-9]/.test(written) || !/[a-z]/.test(written) || !/[A-Z]/.test(written)) continue;
      const key = Buffer.from(written.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
      if (key.length === 32) found.push({ file, written, key });
    }
  }
  return found;
}
