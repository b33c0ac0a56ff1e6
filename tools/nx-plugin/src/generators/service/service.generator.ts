/**
 * `nx g @cpx/nx-plugin:service <name>`: a new CPX service, born in the one service shape
 * (docs/architecture.md "One service shape", ADR 13), registered wherever the platform
 * lists services, so that it starts, builds, is keyed, is given a Kafka principal and its
 * ACLs, and answers the gateway's `/ready` without another edit:
 *   proto/cpx/<name>/v1/         its messages, events and `service` (HealthCheck among the rpcs)
 *   libs/contracts               its operations and events, and its row in SERVICE_ROLES (the one
 *                                list of services: stack, keys, principals, gateway read it)
 *   apps/<name>/                 main, module, validated config, health, first migration, one
 *                                feature (handler, command, use cases, store, domain + spec), test/
 *   apps/gateway/src/<name>/     a feature skeleton with one authenticated query, in app.module.ts
 *   apps/e2e/                    a smoke spec through the gateway; the e2e platform starts it
 *   docker-compose.yml           its container
 * Then (unless --skipCodegen) the TypeScript of its proto and the gateway's schema file are
 * regenerated. tools/nx-plugin/check-service-generator.ts proves the result in CI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { generateFiles, logger, names as nxNames, updateJson, visitNotIgnoredFiles, type GeneratorCallback, type Tree } from '@nx/devkit';
import { registerService } from './service-registration';
import { serviceNames, type ServiceGeneratorOptions } from './service-names';

export async function serviceGenerator(tree: Tree, options: ServiceGeneratorOptions): Promise<GeneratorCallback> {
  const names = serviceNames(options);
  for (const taken of [`apps/${names.name}/src/main.ts`, `proto/cpx/${names.name}/v1/${names.name}_service.proto`, `apps/gateway/src/${names.name}/${names.name}.module.ts`]) {
    if (tree.exists(taken)) throw new Error(`${taken} exists already: the service is there; pick another name for a new one.`);
  }
  // A service begun by hand (a search core, a migration) is generated around: what exists is kept.
  const begun = existingFiles(tree, [`apps/${names.name}`, `proto/cpx/${names.name}`, `apps/gateway/src/${names.name}`]);
  generateFiles(tree, path.join(__dirname, 'files'), '.', { ...names, nx: nxNames, begunMigrations: migrationsIn(begun, names.name) });
  projectFilesLikeReference(tree, names.name);
  keepBegun(tree, begun);
  registerService(tree, names);
  return () => {
    if (options.skipCodegen) return;
    // What the templates need that is generated: the contracts' TypeScript from proto/ and
    // the gateway's schema file, which now shows the new query.
    run(tree.root, ['scripts/proto.mjs', 'generate']);
    run(tree.root, ['-r', '@swc-node/register', 'apps/gateway/src/graphql/schema-file.ts']);
    // Its migrated schema, reviewed beside its migrations (ADR 13; `schema:check` compares).
    // Written even when the check finds fault with a migration begun by hand: it says what to fix.
    if (existsSync(path.join(tree.root, SCHEMA_TOOL))) {
      try {
        run(tree.root, ['-r', '@swc-node/register', SCHEMA_TOOL, 'write', names.name]);
      } catch {
        logger.warn(`apps/${names.name}/src/database/schema.sql: fix what is said above, then nx run ${names.name}:schema:write`);
      }
    }
    logger.info(
      [
        '',
        `The ${names.name} service is in place. Next:`,
        `  - a row for it in docs/architecture.md ("Services and what they own", the Kafka principals table) and README.md ("Where things are");`,
        `  - its rules in apps/${names.name}/src/${names.feature}/domain/, its operations in proto/cpx/${names.name}/v1/${names.name}_service.proto;`,
        `  - nx run ${names.name}:test, then its int spec: apps/${names.name}/test/${names.name}.int-spec.ts.`,
      ].join('\n'),
    );
  };
}

export default serviceGenerator;

/** Writes and checks a service's apps/<svc>/src/database/schema.sql (its `schema:*` targets). */
const SCHEMA_TOOL = 'tools/database/migrations.ts';

/**
 * project.json and jest.config.js as the reference service has them, names changed: the
 * new service gets the same target names and the same test set-up as the others, whatever
 * those are today, without a second copy of them in the templates.
 */
export const REFERENCE_SERVICE = 'directory';

function projectFilesLikeReference(tree: Tree, name: string): void {
  const reference = `apps/${REFERENCE_SERVICE}`;
  const rename = (text: string) => text.replace(new RegExp(`\\b${REFERENCE_SERVICE}\\b`, 'g'), name);
  for (const file of ['project.json', 'jest.config.js', 'tsconfig.json']) {
    const text = tree.read(`${reference}/${file}`, 'utf-8');
    if (text === null && file === 'tsconfig.json') continue; // only where projects have their own
    if (text === null) throw new Error(`${reference}/${file} is missing: the new service's ${file} is made from it.`);
    tree.write(`apps/${name}/${file}`, rename(text));
  }
  // The reference's own dependencies are its own (rewritten only then, to keep its layout).
  if (tree.read(`apps/${name}/project.json`, 'utf-8')?.includes('implicitDependencies')) {
    updateJson(tree, `apps/${name}/project.json`, (project: { implicitDependencies?: string[] }) => {
      delete project.implicitDependencies;
      return project;
    });
  }
}

/** The migration classes of a service begun by hand, for its module to run after the platform's. */
function migrationsIn(begun: Map<string, Buffer>, name: string): { className: string; file: string }[] {
  const folder = `apps/${name}/src/database/migrations/`;
  return [...begun]
    .filter(([file]) => file.startsWith(folder) && file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .flatMap(([file, content]) =>
      [...content.toString('utf8').matchAll(/^export class (\w+) implements MigrationInterface/gm)].map((match) => ({ className: match[1]!, file: path.basename(file, '.ts') })),
    )
    .sort((a, b) => a.file.localeCompare(b.file));
}

function existingFiles(tree: Tree, folders: string[]): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  for (const folder of folders) {
    if (tree.exists(folder)) visitNotIgnoredFiles(tree, folder, (file) => void found.set(file, tree.read(file)!));
  }
  return found;
}

/** Puts back every file that was there; a project.json that was there gains only the targets it lacked. */
function keepBegun(tree: Tree, begun: Map<string, Buffer>): void {
  for (const [file, content] of begun) {
    const generated = tree.read(file, 'utf-8');
    if (file.endsWith('/project.json') && generated !== null) {
      const { targets = {} } = JSON.parse(generated) as { targets?: Record<string, unknown> };
      tree.write(file, content);
      updateJson(tree, file, (project: { targets?: Record<string, unknown> }) => ({ ...project, targets: { ...targets, ...project.targets } }));
    } else {
      tree.write(file, content);
    }
  }
  if (begun.size > 0) {
    logger.warn(`Kept as they were (wire what they hold into the generated module and migrations list):\n  ${[...begun.keys()].sort().join('\n  ')}`);
  }
}

function run(root: string, args: string[]): void {
  execFileSync('sh', ['scripts/node24.sh', ...args], { cwd: root, stdio: 'inherit' });
}
