// ESLint for the whole workspace: `npm run lint`, and the lint tier of `npm test`
// (`eslint . --max-warnings 0`). Beyond typescript-eslint's recommended rules it holds:
//   - promises: none floating, none handed to a caller that ignores them, no await on a
//     non-promise (type-aware, over the root tsconfig.json);
//   - module boundaries between projects, by the Nx tags in each project.json;
//   - CPX's own promises, as workspace rules in tools/eslint-rules/ (Nx loads that folder
//     and names them `@nx/workspace-<rule>`): Kafka handlers go through the signed-principal
//     check, no GraphQL operation is public, and every eslint-disable says why.
// tools/eslint-rules/*.spec.ts prove each rule, and these boundaries, fail on a violation.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { defineConfig, globalIgnores } from 'eslint/config';
import { readdirSync } from 'node:fs';
import { createProjectGraphAsync } from 'nx/src/devkit-exports';
import tseslint from 'typescript-eslint';

// What each kind of project (its `type:` tag) may import.
//   contracts  libs/contracts  generated from proto/: nothing of ours
//   names      libs/names      nothing of ours: pure text rules (folding, romanisation, the name guard)
//   platform   libs/platform   contracts, names
//   tooling    libs/stack      contracts (the local Kafka + Postgres)
//   testing    libs/testing    platform, contracts, tooling
//   app        apps/<service>  contracts, names, platform; never another app (Nx forbids importing
//                              any application, and relative imports that leave a project)
//   e2e        apps/e2e        contracts, names, platform, testing, tooling
// Test code may in addition import testing and tooling.
const mayImport = {
  'type:contracts': [],
  'type:names': [],
  'type:platform': ['type:contracts', 'type:names'],
  'type:tooling': ['type:contracts'],
  'type:testing': ['type:platform', 'type:contracts', 'type:names', 'type:tooling'],
  'type:app': ['type:contracts', 'type:names', 'type:platform'],
  'type:e2e': ['type:contracts', 'type:names', 'type:platform', 'type:testing', 'type:tooling'],
};
const testSupport = ['type:testing', 'type:tooling'];
const testFiles = [
  '{apps,libs}/**/*.spec.ts',
  '{apps,libs}/**/*.int-spec.ts',
  '{apps,libs}/**/*.e2e-spec.ts',
  // An application's own test support lives in apps/<app>/test/ (the gateway's too), never
  // in src/, which is built and shipped.
  '{apps,libs}/*/test/**/*.ts',
];

function depConstraints({ inTests }) {
  return [
    ...Object.entries(mayImport).map(([sourceTag, tags]) => ({
      sourceTag,
      onlyDependOnLibsWithTags: inTests ? [...new Set([...tags, ...testSupport])] : tags,
    })),
    // The shared libraries never reach into a service (libs are scope:shared, apps scope:<name>).
    { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  ];
}

function moduleBoundaries({ inTests }) {
  return [
    'error',
    {
      allow: [],
      depConstraints: depConstraints({ inTests }),
      // Nx's graph does not tell test imports from others: platform's integration test using
      // libs/testing (built on platform) reads as a cycle. The constraints still keep
      // platform's production code off testing.
      ignoredCircularDependencies: [['platform', 'testing']],
      // Nx's "static import of a lazy-loaded library" check is for browser bundles; a Node
      // test's `await import('@cpx/contracts')` is no reason to forbid static imports elsewhere.
      checkDynamicDependenciesExceptions: ['@cpx/*'],
      // A test may import its own library as `@cpx/<lib>`, to exercise the public API
      // (libs/stack/test does); production code imports its own files relatively.
      allowCircularSelfDependency: inTests,
    },
  ];
}

const deepImport = { regex: '^@cpx/[^/]+/.', message: 'Import a CPX library from its root, `@cpx/<lib>`: its index.ts is its public API.' };
const relativeIntoProject = { regex: '^(\\.\\./)+(apps|libs)/', message: 'Import a CPX library as `@cpx/<lib>`, never by a relative path into it.' };

// The gateway is a core (the folders below: GraphQL plumbing, messaging to services, auth,
// limits, config, health) and features that plug into it, one folder each
// (directory/, alerts/, feeds/, and any new folder of apps/gateway/src). A feature never
// imports another feature: what two features share moves to the core, so a new feature is
// added, or one removed, without touching the others (docs/architecture.md).
const gatewayCore = ['graphql', 'messaging', 'auth', 'limits', 'config', 'health'];
const gatewayFeatures = readdirSync(new URL('apps/gateway/src/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !gatewayCore.includes(entry.name))
  .map((entry) => entry.name);
// And the core is neutral: its production code imports no feature (app.module.ts, which
// assembles them, and the test support in apps/gateway/test/ may).
const gatewayCoreImports = {
  regex: `^(\\.\\./)+(${gatewayFeatures.join('|')})(/|$)`,
  message: "The gateway's core never imports a feature: a feature plugs into the core, not the other way round.",
};
function gatewayFeatureImports(feature) {
  const others = gatewayFeatures.filter((name) => name !== feature);
  return {
    // Relative, since a feature's files import the rest of the gateway relatively: `../feeds/x`, `../../feeds/x`.
    regex: `^(\\.\\./)+(${others.join('|')})(/|$)`,
    message: `A gateway feature (${feature}/) never imports another feature: move what they share to the gateway's core (${gatewayCore.join('/, ')}/).`,
  };
}

// The services: every application but the gateway (the public door) and the e2e suite.
const notServices = ['gateway', 'e2e'];
function serviceFiles(pattern) {
  return readdirSync(new URL('apps/', import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !notServices.includes(entry.name))
    .map((entry) => `apps/${entry.name}/src/${pattern}`);
}
// A call such as `manager.query(...)`, `this.dataSource.transaction(...).find(...)`: the
// methods of TypeORM's EntityManager, DataSource and QueryRunner that read or write rows.
const dataAccessMethods =
  '/^(query|createQueryBuilder|getRepository|find|findBy|findOne|findOneBy|findOneOrFail|findOneByOrFail|findAndCount|save|insert|update|delete|upsert|count|exists|increment|decrement|remove)$/';
const dataAccessObjects = '/^(manager|entityManager|em|dataSource|queryRunner|runner|tx)$/';
const entityDecorators = {
  selector: 'Decorator[expression.callee.name=/^(Entity|ViewEntity|Column|PrimaryColumn|PrimaryGeneratedColumn|ManyToOne|OneToMany|OneToOne|ManyToMany|JoinColumn|CreateDateColumn|UpdateDateColumn|VersionColumn)$/]',
  message: 'No TypeORM entities (ADR 13): a store maps its rows to plain types itself.',
};

// @nx/enforce-module-boundaries reads Nx's cached project graph and, when there is none (a
// clean clone, CI), skips every file with only a note on stdout. So compute the graph here
// (Nx 24, in this process: the daemon is off in nx.json). And since the rule also skips files
// outside any project, fail when a folder of apps/ or libs/ is not a project with a type tag.
const graph = await createProjectGraphAsync({ exitOnError: false });
const unchecked = ['apps', 'libs'].flatMap((parent) =>
  readdirSync(new URL(`${parent}/`, import.meta.url), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${parent}/${entry.name}`)
    .filter((root) => !Object.values(graph.nodes).some((node) => node.data.root === root && node.data.tags?.some((tag) => tag in mayImport))),
);
if (unchecked.length > 0) {
  throw new Error(`No project.json with a type tag (${Object.keys(mayImport).join(', ')}) in: ${unchecked.join(', ')}`);
}

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '.cache/',
    '.cpx/',
    '.nx/',
    // Generated from proto/ (`npm run proto:generate`); `npm run proto:check` guards drift.
    'libs/contracts/src/gen/',
    // CommonJS configs (jest.config.js, jest.preset.js): data, not code worth linting.
    '**/*.js',
  ]),

  {
    name: 'cpx/everywhere',
    plugins: { '@nx': nx },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { '@nx/workspace-disable-needs-reason': 'error' },
  },

  {
    name: 'cpx/javascript',
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: Object.fromEntries(['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout'].map((name) => [name, 'readonly'])),
    },
  },

  {
    name: 'cpx/typescript',
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: {
      parserOptions: {
        // One program for the whole workspace: the root tsconfig.json includes every .ts of
        // apps/, libs/ and tools/. (projectService would also open the tsconfig.json of
        // apps/gateway, libs/contracts and tools/eslint-rules: more programs, same files.)
        project: ['./tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A promise nobody awaits loses its error and its order (STYLE.md: no dual writes).
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Off on purpose: Nest injects by constructor parameter types, which TypeScript records
      // in decorator metadata (emitDecoratorMetadata) only for value imports. The rule (and
      // its autofix) would turn `import { DataSource }` into `import type`, the metadata would
      // then say Object, and injection would fail at run time.
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-restricted-imports': ['error', { patterns: [deepImport] }],
    },
  },

  {
    name: 'cpx/module-boundaries',
    files: ['{apps,libs}/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ inTests: false }) },
  },
  {
    name: 'cpx/module-boundaries/tests',
    files: testFiles,
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ inTests: true }) },
  },
  {
    // tools/ is an Nx project (the dev tools) but outside the boundary rules above: keep it on the libraries' roots too.
    name: 'cpx/tools-imports',
    files: ['tools/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImport, relativeIntoProject] }] },
  },

  {
    name: 'cpx/service-handlers',
    files: ['apps/*/src/**/*.ts'],
    rules: { '@nx/workspace-handlers-use-platform-adapters': 'error' },
  },
  ...gatewayFeatures.map((feature) => ({
    name: `cpx/gateway-feature-${feature}`,
    files: [`apps/gateway/src/${feature}/**/*.ts`],
    // The whole option is replaced per file pattern, so the deep-import pattern is repeated.
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImport, gatewayFeatureImports(feature)] }] },
  })),
  {
    name: 'cpx/gateway-core',
    files: gatewayCore.map((folder) => `apps/gateway/src/${folder}/**/*.ts`),
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [deepImport, gatewayCoreImports] }] },
  },
  // One service shape (docs/architecture.md "One service shape", ADR 13), for every service
  // (apps/ except the gateway and the e2e suite), so practices and campaigns are born in it.
  {
    name: 'cpx/service-domain',
    // Pure rules: no framework, no database, no broker, and nothing of the layers above.
    files: serviceFiles('**/domain/**/*.ts'),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepImport,
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'kafkajs', 'express'],
              message: 'domain/ holds pure rules: no Nest, TypeORM, pg or Kafka here (ADR 13). Put the I/O in a store or a use case.',
            },
            {
              regex: '\\.(store|usecase|handler|module|command)$',
              message: 'domain/ is the bottom layer: a use case or store may import it, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'cpx/service-data-access',
    // SQL lives in *.store.ts only (and in migrations); there are no TypeORM entities (ADR 13).
    files: serviceFiles('**/*.ts'),
    ignores: [...testFiles, 'apps/*/src/**/*.store.ts', 'apps/*/src/database/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.property.name=${dataAccessMethods}][callee.object.name=${dataAccessObjects}]`,
          message: 'SQL and data access live in a *.store.ts (ADR 13): call a store method here.',
        },
        {
          selector: `CallExpression[callee.property.name=${dataAccessMethods}][callee.object.property.name=${dataAccessObjects}]`,
          message: 'SQL and data access live in a *.store.ts (ADR 13): call a store method here.',
        },
        entityDecorators,
      ],
    },
  },
  {
    name: 'cpx/service-stores',
    files: serviceFiles('**/*.store.ts'),
    rules: { 'no-restricted-syntax': ['error', entityDecorators] },
  },
  {
    name: 'cpx/service-handlers-are-thin',
    // A handler decodes, calls one use case and encodes: it stays short. A use case does one operation.
    files: serviceFiles('**/*.handler.ts'),
    rules: { 'max-lines': ['error', { max: 160, skipBlankLines: true, skipComments: true }] },
  },
  {
    name: 'cpx/service-use-cases-are-one-operation',
    files: serviceFiles('**/*.usecase.ts'),
    rules: { 'max-lines': ['error', { max: 200, skipBlankLines: true, skipComments: true }] },
  },
  {
    name: 'cpx/gateway-auth',
    files: ['apps/gateway/src/**/*.ts'],
    rules: {
      '@nx/workspace-graphql-operations-authenticated': [
        'error',
        // The only files that may make something public: keep this to the process probes.
        { allow: ['apps/gateway/src/health/health.controller.ts', 'apps/gateway/src/auth/public-endpoint.decorator.ts'] },
      ],
    },
  },
]);
