import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUILD_RECORD, fileHash, recordStaleness } from './service-build';

describe('a service build is run only while it matches its sources', () => {
  let root: string;
  let dist: string;

  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'cpx-build-spec-'));
    dist = path.join(root, 'dist', 'apps', 'directory');
    mkdirSync(path.join(root, 'apps', 'directory', 'src'), { recursive: true });
    mkdirSync(dist, { recursive: true });
    writeFileSync(path.join(root, 'apps', 'directory', 'src', 'main.ts'), 'export {};\n');
    writeFileSync(path.join(root, 'tsconfig.base.json'), '{}\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const record = (files: string[]) =>
    writeFileSync(path.join(dist, BUILD_RECORD), JSON.stringify({ inputs: Object.fromEntries(files.map((file) => [file, fileHash(path.join(root, file))])) }));

  it('is fresh when every file it was built from is unchanged', () => {
    record(['apps/directory/src/main.ts', 'tsconfig.base.json']);
    expect(recordStaleness(dist, root)).toBeUndefined();
  });

  it('is stale when never built, or built without a record of its inputs', () => {
    expect(recordStaleness(dist, root)).toBe('not built');
    record([]);
    expect(recordStaleness(dist, root)).toBe('no inputs recorded');
  });

  it('names the file that changed or is gone', () => {
    record(['apps/directory/src/main.ts', 'tsconfig.base.json']);
    writeFileSync(path.join(root, 'tsconfig.base.json'), '{"compilerOptions":{}}\n');
    expect(recordStaleness(dist, root)).toBe('tsconfig.base.json changed');
    record(['apps/directory/src/main.ts']);
    rmSync(path.join(root, 'apps', 'directory', 'src', 'main.ts'));
    expect(recordStaleness(dist, root)).toBe('apps/directory/src/main.ts is gone');
  });
});
