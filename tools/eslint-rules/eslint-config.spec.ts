/**
 * The real eslint.config.mjs against deliberate violations: module boundaries, deep imports,
 * the workspace rules and the type-aware promise rules must each fail the lint. Each case
 * lints text under the name of an existing file, so nothing is written to disk; ESLint runs
 * in a child process (as `npm run lint` does), once for all cases.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Case {
  name: string;
  /** An existing file: the text is linted as if it were this file. */
  file: string;
  code: string;
  /** Rule ids that must be reported; [] means the lint must pass. */
  expected: string[];
}

const BOUNDARIES = '@nx/enforce-module-boundaries';

const cases: Case[] = [
  {
    name: 'an app imports another app by a relative path',
    file: 'apps/directory/src/main.ts',
    code: `import { GatewayModule } from '../../gateway/src/app.module';\nexport const m = GatewayModule;\n`,
    expected: [BOUNDARIES],
  },
  {
    name: 'an app uses the test stack in production code',
    file: 'apps/directory/src/main.ts',
    code: `import { startStack } from '@cpx/stack';\nexport const s = startStack;\n`,
    expected: [BOUNDARIES],
  },
  {
    name: "an app's integration test uses the test stack and the harness",
    file: 'apps/directory/test/directory.int-spec.ts',
    code: `import { startStack } from '@cpx/stack';\nimport { principals } from '@cpx/testing';\nexport const s = [startStack, principals];\n`,
    expected: [],
  },
  {
    name: 'an app uses contracts and platform',
    file: 'apps/directory/src/main.ts',
    code: `import { TOPICS } from '@cpx/contracts';\nimport { DomainError } from '@cpx/platform';\nexport const s = [TOPICS, DomainError];\n`,
    expected: [],
  },
  {
    name: 'contracts import the platform',
    file: 'libs/contracts/src/topics.ts',
    code: `import { DomainError } from '@cpx/platform';\nexport const e = DomainError;\n`,
    expected: [BOUNDARIES],
  },
  {
    name: 'the platform imports the testing library',
    file: 'libs/platform/src/index.ts',
    code: `import { principals } from '@cpx/testing';\nexport const p = principals;\n`,
    expected: [BOUNDARIES],
  },
  {
    name: 'the name library imports the platform',
    file: 'libs/names/src/index.ts',
    code: `import { DomainError } from '@cpx/platform';\nexport const e = DomainError;\n`,
    expected: [BOUNDARIES],
  },
  {
    name: 'an app uses the name library',
    file: 'apps/alerts/src/main.ts',
    code: `import { NameGuard } from '@cpx/names';\nexport const g = NameGuard;\n`,
    expected: [],
  },
  {
    name: 'the stack imports the platform',
    file: 'libs/stack/src/index.ts',
    code: `import { DomainError } from '@cpx/platform';\nexport const e = DomainError;\n`,
    expected: [BOUNDARIES],
  },
  {
    name: 'a library reaches into a service',
    file: 'libs/testing/src/index.ts',
    code: `import { AppModule } from '../../../apps/directory/src/app.module';\nexport const m = AppModule;\n`,
    expected: [BOUNDARIES],
  },
  {
    name: 'a deep import into a library',
    file: 'apps/directory/src/main.ts',
    code: `import { DomainError } from '@cpx/platform/src/errors/domain-error';\nexport const e = DomainError;\n`,
    expected: ['no-restricted-imports'],
  },
  {
    name: 'tools reach into a library by a relative path',
    file: 'tools/test.ts',
    code: `import { DomainError } from '../libs/platform/src/index';\nexport const e = DomainError;\n`,
    expected: ['no-restricted-imports'],
  },
  {
    name: 'a gateway feature imports another feature',
    file: 'apps/gateway/src/feeds/resolvers/partner.resolver.ts',
    code: `import { required } from '../../alerts/mappers/reply-values';\nimport { SEARCH } from '../../directory/directory.module';\nexport const r = [required, SEARCH];\n`,
    expected: ['no-restricted-imports', 'no-restricted-imports'],
  },
  {
    name: "a gateway feature imports the gateway's core",
    file: 'apps/gateway/src/alerts/alerts.module.ts',
    code: `import { required } from '../graphql/proto-values';\nimport { SEARCH } from '../messaging/argument-paths';\nimport { AlertChanges } from './live/alert-changes';\nexport const r = [required, SEARCH, AlertChanges];\n`,
    expected: [],
  },
  {
    name: "the gateway's core imports a feature",
    file: 'apps/gateway/src/auth/auth.module.ts',
    code: `import { MeResolver } from '../directory/resolvers/me.resolver';\nexport const r = MeResolver;\n`,
    expected: ['no-restricted-imports'],
  },
  {
    name: 'a deep import from a gateway feature',
    file: 'apps/gateway/src/directory/directory.module.ts',
    code: `import { DomainError } from '@cpx/platform/src/errors/domain-error';\nexport const e = DomainError;\n`,
    expected: ['no-restricted-imports'],
  },
  {
    name: 'a service answers a topic with a bare @MessagePattern',
    file: 'apps/directory/src/health/health.handler.ts',
    code: `import { Controller } from '@nestjs/common';\nimport { MessagePattern } from '@nestjs/microservices';\n@Controller()\nexport class HealthHandler {\n  @MessagePattern('cpx.directory.v1.health-check')\n  check() {\n    return {};\n  }\n}\n`,
    expected: ['@nx/workspace-handlers-use-platform-adapters', '@nx/workspace-handlers-use-platform-adapters'],
  },
  {
    name: 'a public GraphQL query',
    file: 'apps/gateway/src/auth/auth.guard.ts',
    code: `import { Query, Resolver } from '@nestjs/graphql';\nimport { PublicEndpoint } from './public-endpoint.decorator';\n@Resolver()\nexport class MeResolver {\n  @PublicEndpoint()\n  @Query(() => String)\n  me(): string {\n    return 'me';\n  }\n}\n`,
    expected: ['@nx/workspace-graphql-operations-authenticated'],
  },
  {
    name: 'a floating promise, an explicit any, a disable without a reason',
    file: 'libs/names/src/folding.ts',
    code: `async function publish(_value: unknown): Promise<void> {}\nexport const loose: any = 1;\n// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport function handle(value: any): void {\n  publish(value);\n}\n`,
    expected: ['@typescript-eslint/no-explicit-any', '@typescript-eslint/no-floating-promises', '@nx/workspace-disable-needs-reason'],
  },
];

// Runs in the child: lints each case with the workspace's eslint.config.mjs.
const runner = `
import { ESLint } from 'eslint';
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const c of cases) {
  const [result] = await eslint.lintText(c.code, { filePath: c.file });
  results.push(result.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message })));
}
process.stdout.write(JSON.stringify(results));
`;

describe('eslint.config.mjs', () => {
  let results: { ruleId: string | null; line: number; message: string }[][];

  beforeAll(() => {
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', runner, JSON.stringify(cases)], {
      cwd: root,
      // Each case lints text that is not on disk. Under CI=true typescript-eslint infers a
      // "single run" and parses the file from its on-disk program, ignoring the text given,
      // so every case would lint the real, clean file and pass: keep it in per-text mode.
      env: { ...process.env, TSESTREE_SINGLE_RUN: 'false' },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`eslint failed (${run.status}):\n${run.stderr}`);
    results = JSON.parse(run.stdout) as typeof results;
  }, 120_000);

  it.each(cases.map((c, index) => [c.name, c, index] as const))('%s', (_name, c, index) => {
    const reported = results[index].map((message) => message.ruleId ?? `fatal: ${message.message}`);
    expect(reported.sort()).toEqual([...c.expected].sort());
  });
});
