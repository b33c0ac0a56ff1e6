/**
 * The few shared files a new service is written into. Everything else that lists services
 * reads @cpx/contracts SERVICE_ROLES (the stack's SERVICES, the Kafka principals and ACLs,
 * each service's keys, kafka-secrets, `npm run keys`, the gateway's GATEWAY_SERVICES, the
 * build and the image check). Each edit finds its place by the code around it and fails,
 * naming the file, when that code has changed: the generator's spec runs these edits on
 * the real files, so such a change is caught there, not by the first person to use it.
 */
import { updateJson, type Tree } from '@nx/devkit';
import type { ServiceNames } from './service-names';

export function registerService(tree: Tree, names: ServiceNames): void {
  registerContracts(tree, names);
  registerServiceRole(tree, names);
  registerGatewayFeature(tree, names);
  registerE2e(tree, names);
  registerCompose(tree, names);
}

/** libs/contracts: the generated code exported, the operations and events registered. */
function registerContracts(tree: Tree, { name, Name, Noun }: ServiceNames): void {
  edit(tree, 'libs/contracts/src/index.ts', (text) =>
    insertBefore(
      text,
      "export * from './topics';",
      [`${name}_pb`, 'requests_pb', 'events_pb', `${name}_service_pb`].map((file) => `export * from './gen/cpx/${name}/v1/${file}';\n`).join(''),
    ),
  );
  edit(tree, 'libs/contracts/src/topics.ts', (text) => {
    let result = insertAfterLastImport(
      text,
      [`import { ${Noun}CreatedSchema } from './gen/cpx/${name}/v1/events_pb';`, `import { ${Name}Service } from './gen/cpx/${name}/v1/${name}_service_pb';`].join('\n'),
    );
    // Its operations are the rpcs of its proto service; its events are written out, as the others' are.
    result = insertBefore(
      result,
      '/** Every request operation of every service',
      [
        `export const ${Name}Requests = requestOperationsOf(${Name}Service);`,
        ``,
        `export const ${Name}Events = {`,
        `  topic: 'cpx.${name}.v1.events',`,
        `  source: '/cpx/${name}',`,
        `  types: {`,
        `    ${Noun.charAt(0).toLowerCase() + Noun.slice(1)}Created: event(${Noun}CreatedSchema),`,
        `  },`,
        `} as const satisfies EventFamily;`,
        ``,
        ``,
      ].join('\n'),
    );
    result = appendToArray(result, /const REQUEST_OPERATIONS: readonly RequestOperation\[\] = \[/, `...Object.values(${Name}Requests)`);
    result = appendToArray(result, /export const EVENT_FAMILIES: readonly EventFamily\[\] = \[/, `${Name}Events`);
    return result;
  });
}

/** Its row in SERVICE_ROLES: the one list of services. It consumes nothing until its code says so. */
function registerServiceRole(tree: Tree, { name, Name }: ServiceNames): void {
  edit(tree, 'libs/contracts/src/kafka-access.ts', (text) => {
    let result = insertBefore(text, '} as const satisfies Record<string, ServiceRole>;', `  ${name}: { requests: ${Name}Requests, publishes: ${Name}Events, consumes: [] },\n`);
    result = appendToImport(result, "from './topics';", [`${Name}Events`, `${Name}Requests`]);
    return result;
  });
}

/** The gateway's app.module.ts assembles the features: the new one joins them. */
function registerGatewayFeature(tree: Tree, { name, Name }: ServiceNames): void {
  edit(tree, 'apps/gateway/src/app.module.ts', (text) => {
    let result = insertAfterLastImport(text, `import { ${Name}Module } from './${name}/${name}.module';`);
    result = insertBefore(result, '        HealthModule,\n', `        ${Name}Module,\n`);
    return result;
  });
}

/** The e2e suite runs the whole platform, so it depends on every service (for `nx affected`). */
function registerE2e(tree: Tree, { name }: ServiceNames): void {
  updateJson(tree, 'apps/e2e/project.json', (project: { implicitDependencies?: string[] }) => {
    project.implicitDependencies = [...new Set([...(project.implicitDependencies ?? []), name])];
    return project;
  });
}

/** docker-compose.yml cannot read a list: the service's container is written beside the others. */
function registerCompose(tree: Tree, { name }: ServiceNames): void {
  if (!tree.exists('docker-compose.yml')) return;
  edit(tree, 'docker-compose.yml', (text) =>
    insertBefore(text, '\n  gateway:\n', `\n  ${name}:\n    <<: *service\n    environment: { <<: *service-env, SERVICE: ${name} }\n`),
  );
}

function edit(tree: Tree, file: string, change: (text: string) => string): void {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new Error(`${file} is missing: the new service is registered there.`);
  try {
    tree.write(file, change(text));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message} (tools/nx-plugin/src/generators/service/service-registration.ts needs updating)`, { cause: error });
  }
}

function insertBefore(text: string, anchor: string, insertion: string): string {
  const at = text.indexOf(anchor);
  if (at < 0) throw new Error(`cannot find ${JSON.stringify(anchor.trim())}`);
  return text.slice(0, at) + insertion + text.slice(at);
}

/** After the last top-level `import ... from '...';` (imports may span lines). */
function insertAfterLastImport(text: string, line: string): string {
  const imports = [...text.matchAll(/^import [\s\S]*? from '[^']+';\n/gm)];
  const last = imports.at(-1);
  if (!last || last.index === undefined) throw new Error('cannot find the imports');
  const at = last.index + last[0].length;
  return `${text.slice(0, at)}${line}\n${text.slice(at)}`;
}

/** `[a, b]` or a multi-line `[\n  a,\n  b,\n]` after `opening` gets `item` at its end. */
function appendToArray(text: string, opening: RegExp, item: string): string {
  const match = opening.exec(text);
  if (!match) throw new Error(`cannot find ${opening.source}`);
  const start = match.index + match[0].length;
  const end = text.indexOf('];', start);
  if (end < 0) throw new Error(`cannot find the end of ${opening.source}`);
  const body = text.slice(start, end);
  const multiLine = body.includes('\n');
  const updated = multiLine ? `${body.replace(/,?\s*$/, ',')}\n  ${item},\n` : `${body.replace(/,?\s*$/, '')}, ${item}`;
  return text.slice(0, start) + updated + text.slice(end);
}

/** Adds names to the `import { ... } from '<module>';` that ends with `fromClause`. */
function appendToImport(text: string, fromClause: string, added: string[]): string {
  const end = text.indexOf(`} ${fromClause}`);
  if (end < 0) throw new Error(`cannot find the import ${fromClause}`);
  const start = text.lastIndexOf('{', end);
  const present = text
    .slice(start + 1, end)
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const multiLine = text.slice(start, end).includes('\n');
  const all = [...present, ...added.filter((name) => !present.includes(name))];
  const body = multiLine ? `\n${all.map((entry) => `  ${entry},`).join('\n')}\n` : ` ${all.join(', ')} `;
  return text.slice(0, start + 1) + body + text.slice(end);
}
