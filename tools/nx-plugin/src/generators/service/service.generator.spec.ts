import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { REFERENCE_SERVICE, serviceGenerator } from './service.generator';
import { serviceNames } from './service-names';

const workspace = path.resolve(__dirname, '..', '..', '..', '..', '..');

/** The shared files the generator writes into, as they are in this workspace now: a change to them that breaks an edit fails here. */
const SHARED = [
  'libs/contracts/src/index.ts',
  'libs/contracts/src/topics.ts',
  'libs/contracts/src/kafka-access.ts',
  'apps/gateway/src/app.module.ts',
  'apps/e2e/project.json',
  'docker-compose.yml',
  `apps/${REFERENCE_SERVICE}/project.json`,
  `apps/${REFERENCE_SERVICE}/jest.config.js`,
  // Where projects have their own (a typecheck per project).
  ...(existsSync(path.join(workspace, `apps/${REFERENCE_SERVICE}/tsconfig.json`)) ? [`apps/${REFERENCE_SERVICE}/tsconfig.json`] : []),
];

function workspaceTree(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of SHARED) tree.write(file, readFileSync(path.join(workspace, file), 'utf8'));
  return tree;
}

const read = (tree: Tree, file: string) => tree.read(file, 'utf-8') ?? '';

describe('nx g @cpx/nx-plugin:service', () => {
  let tree: Tree;
  /** What was in the tree before: the empty workspace and the shared files. */
  let before: Set<string>;

  beforeAll(async () => {
    tree = workspaceTree();
    before = new Set(tree.listChanges().map((change) => change.path));
    await serviceGenerator(tree, { name: 'practices', skipCodegen: true });
  });

  it('makes the service in the one service shape, every template filled in', () => {
    const made = tree.listChanges().map((change) => change.path).filter((file) => !before.has(file));
    const timestamp = made.find((file) => file.startsWith('apps/practices/src/database/migrations/'))!.match(/(\d+)-create-practices\.ts$/)![1];
    expect([...made].sort()).toEqual(
      [
        'proto/cpx/practices/v1/practices.proto',
        'proto/cpx/practices/v1/requests.proto',
        'proto/cpx/practices/v1/events.proto',
        'proto/cpx/practices/v1/practices_service.proto',
        'apps/practices/project.json',
        'apps/practices/jest.config.js',
        ...(SHARED.includes(`apps/${REFERENCE_SERVICE}/tsconfig.json`) ? ['apps/practices/tsconfig.json'] : []),
        'apps/practices/src/main.ts',
        'apps/practices/src/app.module.ts',
        'apps/practices/src/practices-request.ts',
        'apps/practices/src/config/practices.config.ts',
        'apps/practices/src/config/practices.config.spec.ts',
        'apps/practices/src/health/health.handler.ts',
        'apps/practices/src/health/health.store.ts',
        `apps/practices/src/database/migrations/${timestamp}-create-practices.ts`,
        'apps/practices/src/practices/practices.handler.ts',
        'apps/practices/src/practices/create-practice.command.ts',
        'apps/practices/src/practices/create-practice.usecase.ts',
        'apps/practices/src/practices/get-practice.command.ts',
        'apps/practices/src/practices/get-practice.usecase.ts',
        'apps/practices/src/practices/practice.store.ts',
        'apps/practices/src/practices/practice.mapper.ts',
        'apps/practices/src/practices/domain/practice-rules.ts',
        'apps/practices/src/practices/domain/practice-rules.spec.ts',
        'apps/practices/test/practices-harness.ts',
        'apps/practices/test/practices.int-spec.ts',
        'apps/gateway/src/practices/practices.module.ts',
        'apps/gateway/src/practices/practice.mapper.ts',
        'apps/gateway/src/practices/inputs/practice.args.ts',
        'apps/gateway/src/practices/types/practice.type.ts',
        'apps/gateway/src/practices/resolvers/practice.resolver.ts',
        'apps/gateway/src/practices/resolvers/practice.resolver.spec.ts',
        'apps/e2e/src/practices.e2e-spec.ts',
      ].sort(),
    );
    for (const file of [...made, ...SHARED]) {
      expect([file, /<%|%>|__[a-z]+__|\.template$/.test(read(tree, file)) || /__|\.template$/.test(file)]).toEqual([file, false]);
    }
    expect(read(tree, 'proto/cpx/practices/v1/practices_service.proto')).toContain('service PracticesService {\n  rpc CreatePractice(CreatePracticeRequest) returns (CreatePracticeResponse);');
    expect(read(tree, 'proto/cpx/practices/v1/practices_service.proto')).toContain('rpc HealthCheck(cpx.platform.v1.HealthCheckRequest)');
    expect(read(tree, 'apps/practices/src/app.module.ts')).toContain(`migrations: PRACTICES_MIGRATIONS`);
    expect(read(tree, `apps/practices/src/database/migrations/${timestamp}-create-practices.ts`)).toContain(`export class CreatePractices${timestamp} implements MigrationInterface`);
  });

  it('gives it the reference service\'s targets and test set-up, under its own name', () => {
    const reference = read(tree, `apps/${REFERENCE_SERVICE}/project.json`);
    expect(read(tree, 'apps/practices/project.json')).toBe(reference.replace(new RegExp(`\\b${REFERENCE_SERVICE}\\b`, 'g'), 'practices'));
    expect(JSON.parse(read(tree, 'apps/practices/project.json'))).toMatchObject({ name: 'practices', tags: ['scope:practices', 'type:app'] });
    expect(read(tree, 'apps/practices/jest.config.js')).toContain(`displayName: 'practices'`);
  });

  it('registers it where the platform lists services: contracts, SERVICE_ROLES, the gateway, the e2e suite, compose', () => {
    expect(read(tree, 'libs/contracts/src/index.ts')).toContain(
      [
        "export * from './gen/cpx/practices/v1/practices_pb';",
        "export * from './gen/cpx/practices/v1/requests_pb';",
        "export * from './gen/cpx/practices/v1/events_pb';",
        "export * from './gen/cpx/practices/v1/practices_service_pb';",
      ].join('\n'),
    );
    const topics = read(tree, 'libs/contracts/src/topics.ts');
    expect(topics).toContain("import { PracticesService } from './gen/cpx/practices/v1/practices_service_pb';");
    expect(topics).toContain('export const PracticesRequests = requestOperationsOf(PracticesService);');
    expect(topics).toContain("  topic: 'cpx.practices.v1.events',\n  source: '/cpx/practices',");
    expect(topics).toMatch(/const REQUEST_OPERATIONS: readonly RequestOperation\[\] = \[[^\]]*\.\.\.Object\.values\(PracticesRequests\),\n\];/);
    expect(topics).toMatch(/export const EVENT_FAMILIES: readonly EventFamily\[\] = \[[^\]]*, PracticesEvents\];/);
    const access = read(tree, 'libs/contracts/src/kafka-access.ts');
    expect(access).toContain('  practices: { requests: PracticesRequests, publishes: PracticesEvents, consumes: [] },\n} as const satisfies Record<string, ServiceRole>;');
    expect(access).toMatch(/PracticesEvents,\n\s+PracticesRequests,\n\} from '\.\/topics';/);
    const gateway = read(tree, 'apps/gateway/src/app.module.ts');
    expect(gateway).toContain("import { PracticesModule } from './practices/practices.module';");
    expect(gateway).toContain('        PracticesModule,\n        HealthModule,');
    expect(JSON.parse(read(tree, 'apps/e2e/project.json')).implicitDependencies).toContain('practices');
    expect(read(tree, 'docker-compose.yml')).toContain('\n  practices:\n    <<: *service\n    environment: { <<: *service-env, SERVICE: practices }\n\n  gateway:\n');
  });

  it('generates around a service begun by hand, keeping every file it has', async () => {
    const begun = workspaceTree();
    begun.write('apps/practices/project.json', JSON.stringify({ name: 'practices', tags: ['scope:practices', 'type:app'], targets: { test: { options: { mine: true } } } }));
    begun.write('apps/practices/src/search/practice-search.store.ts', '// mine\n');
    begun.write('apps/practices/src/practices/practice.store.ts', '// mine too\n');
    begun.write('apps/practices/src/database/migrations/1765300000000-practice-search.ts', 'export class PracticeSearch1765300000000 implements MigrationInterface {}\n');
    await serviceGenerator(begun, { name: 'practices', skipCodegen: true });
    expect(read(begun, 'apps/practices/src/search/practice-search.store.ts')).toBe('// mine\n');
    expect(read(begun, 'apps/practices/src/practices/practice.store.ts')).toBe('// mine too\n');
    expect(begun.exists('apps/practices/src/main.ts')).toBe(true);
    // Its migrations run first (they are older), then the generated one.
    const module = read(begun, 'apps/practices/src/app.module.ts');
    expect(module).toContain("import { PracticeSearch1765300000000 } from './database/migrations/1765300000000-practice-search';");
    expect(module).toMatch(/export const PRACTICES_MIGRATIONS = \[PracticeSearch1765300000000, CreatePractices\d+\];/);
    const project = JSON.parse(read(begun, 'apps/practices/project.json'));
    expect(project.targets.test).toEqual({ options: { mine: true } });
    expect(Object.keys(project.targets).sort()).toEqual(Object.keys(JSON.parse(read(begun, `apps/${REFERENCE_SERVICE}/project.json`)).targets).sort());
  });

  it('refuses a service that exists, and names it cannot take', async () => {
    await expect(serviceGenerator(tree, { name: 'practices', skipCodegen: true })).rejects.toThrow('apps/practices/src/main.ts exists already');
    for (const name of ['Practices', 'good-practices', 'px', 'gateway']) {
      await expect(serviceGenerator(workspaceTree(), { name, skipCodegen: true })).rejects.toThrow();
    }
    await expect(serviceGenerator(workspaceTree(), { name: 'orders', skipCodegen: true })).rejects.toThrow('pass another --noun');
  });

  it('says which shared file changed when an edit no longer finds its place', async () => {
    const changed = workspaceTree();
    changed.write('apps/gateway/src/app.module.ts', read(changed, 'apps/gateway/src/app.module.ts').replace('HealthModule,', 'ProbesModule,'));
    await expect(serviceGenerator(changed, { name: 'campaigns', skipCodegen: true })).rejects.toThrow(/apps\/gateway\/src\/app\.module\.ts: cannot find "HealthModule,"/);
  });
});

describe('service names', () => {
  it('spells a service, its feature and its aggregate', () => {
    expect(serviceNames({ name: 'campaigns' }, 1)).toEqual({ name: 'campaigns', Name: 'Campaigns', feature: 'campaigns', Feature: 'Campaigns', noun: 'campaign', Noun: 'Campaign', NOUN: 'CAMPAIGN', timestamp: 1 });
    expect(serviceNames({ name: 'practices', feature: 'practice-reports', noun: 'report' }, 1)).toMatchObject({ feature: 'practice-reports', Feature: 'PracticeReports', noun: 'report', Noun: 'Report' });
    expect(serviceNames({ name: 'access' }, 1).noun).toBe('access');
  });
});
