// Where the stack keeps its files. Everything the stack downloads or writes lives under
// the workspace's git-ignored `.cache/`, so `git clean -fdX` resets it and nothing
// depends on the caller's working directory (jest, nx and the CLI all differ there).
import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The folder holding nx.json: found upwards from this file, wherever we are run from. */
export function workspaceRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'nx.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cpx stack: no nx.json above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return root;
}

export function cachePath(...parts: string[]): string {
  return path.join(workspaceRoot(), '.cache', ...parts);
}

/** Instance names become folder names: keep them to a safe alphabet. */
export function assertInstanceName(instance: string): void {
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(instance)) {
    throw new Error(`cpx stack: instance "${instance}" must be letters, digits, ".", "_" or "-"`);
  }
}
