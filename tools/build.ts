// Compiles services to JavaScript that plain `node` runs (the image, `npm start`, the
// tests' platform, the benchmark):
//   sh scripts/node24.sh -r @swc-node/register tools/build.ts [service ...]   (none: all)
// `npm run build` runs it for every service through Nx (`nx run-many -t build`).
//
// From apps/<service>/src/main.ts it follows every import that is ours (relative paths and
// the @cpx/* aliases of tsconfig.base.json), so a service's output holds exactly the code it
// runs: its migrations too, which app.module.ts imports as classes. Each file is compiled
// alone by swc with the settings of jest.preset.js (legacy decorators and their metadata,
// which NestJS and TypeORM read; class names kept), and written to
//   dist/apps/<service>/<path under apps/<service>/src>.js   (main.js, ...)
//   dist/apps/<service>/libs/<lib>/<path under libs/<lib>/src>.js
// with every require of ours rewritten to the output file's relative path. Packages stay
// `require('<package>')`, found in node_modules above dist/ (or the image's /app/node_modules).
// build.json lists each file read with its hash: libs/stack runs a build only while it matches.
import { transform, version as swcVersion, type Options } from '@swc/core';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_RECORD, fileHash, SERVICES, serviceDistDir, type BuildRecord } from '@cpx/stack';

const root = path.resolve(__dirname, '..');
const aliases = (JSON.parse(readFileSync(path.join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } })
  .compilerOptions.paths;

const swcOptions: Options = {
  jsc: {
    target: 'es2023',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

/** Where a source file (workspace-relative) goes in the service's output, or why it cannot. */
function outputPath(service: string, source: string): string {
  const own = `apps/${service}/src/`;
  if (source.startsWith(own)) return source.slice(own.length).replace(/\.ts$/, '.js');
  const lib = /^libs\/([^/]+)\/src\/(.+)\.ts$/.exec(source);
  if (lib) return `libs/${lib[1]}/${lib[2]}.js`;
  throw new Error(`${service}: ${source} is outside the service and the libraries; a service may not import it`);
}

/** The workspace file a specifier names, or undefined for a package. */
function resolveOurs(specifier: string, fromFile: string): string | undefined {
  let target: string;
  if (aliases[specifier]) target = path.join(root, aliases[specifier][0]);
  else if (specifier.startsWith('.')) target = path.resolve(path.dirname(path.join(root, fromFile)), specifier);
  else if (specifier.startsWith('@cpx/')) throw new Error(`${fromFile}: ${specifier} is not a path of tsconfig.base.json`);
  else return undefined;
  for (const candidate of [target, `${target}.ts`, path.join(target, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return path.relative(root, candidate);
  }
  throw new Error(`${fromFile}: cannot resolve ${specifier}`);
}

async function buildService(service: string): Promise<number> {
  const entry = `apps/${service}/src/main.ts`;
  const finalDir = serviceDistDir(service);
  const workDir = `${finalDir}.${process.pid}.tmp`;
  rmSync(workDir, { recursive: true, force: true });
  const inputs: Record<string, string> = {};
  for (const file of ['tools/build.ts', 'tsconfig.base.json', 'node_modules/@swc/core/package.json']) inputs[file] = fileHash(path.join(root, file));
  const queue = [entry];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const source = queue.shift() as string;
    const code = readFileSync(path.join(root, source), 'utf8');
    inputs[source] = fileHash(path.join(root, source));
    const out = outputPath(service, source);
    const result = await transform(code, { ...swcOptions, filename: path.join(root, source), sourceFileName: path.relative(path.dirname(path.join(finalDir, out)), path.join(root, source)) });
    // swc writes every import, static or dynamic, as require("..."); decorator metadata keeps the classes it names.
    const js = result.code.replace(/\brequire\("([^"]+)"\)/g, (call, specifier: string) => {
      const target = resolveOurs(specifier, source);
      if (!target) return call;
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
      let relative = path.relative(path.dirname(out), outputPath(service, target));
      if (!relative.startsWith('.')) relative = `./${relative}`;
      return `require(${JSON.stringify(relative)})`;
    });
    const file = path.join(workDir, out);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${js}\n//# sourceMappingURL=${path.basename(file)}.map\n`);
    if (result.map) writeFileSync(`${file}.map`, result.map);
  }
  const record: BuildRecord = { inputs };
  writeFileSync(path.join(workDir, BUILD_RECORD), `${JSON.stringify({ swc: swcVersion, ...record }, null, 1)}\n`);
  // Swapped in whole, so a platform starting meanwhile never runs half a build.
  const oldDir = `${finalDir}.${process.pid}.old`;
  if (existsSync(finalDir)) renameSync(finalDir, oldDir);
  renameSync(workDir, finalDir);
  rmSync(oldDir, { recursive: true, force: true });
  return seen.size;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(SERVICES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`no such service: ${unknown.join(', ')} (services: ${SERVICES.join(', ')})`);
  for (const service of wanted.length > 0 ? wanted : SERVICES) {
    const startedAt = Date.now();
    const files = await buildService(service);
    process.stdout.write(`built ${service}: ${files} files -> ${path.relative(root, serviceDistDir(service))}/main.js in ${Date.now() - startedAt} ms\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`cpx build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
