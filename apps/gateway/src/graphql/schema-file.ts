/**
 * The public schema as a file, `apps/gateway/schema.graphql`, for partners and for review:
 * a change to the API shows up as a diff. It is printed from the schema the gateway
 * actually serves (the real AppModule, Kafka faked), sorted, so the output depends only
 * on the code. A spec and the `schema-check` target fail when the file is stale.
 *
 *   sh scripts/node24.sh -r @swc-node/register apps/gateway/src/graphql/schema-file.ts [--check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { startTestGateway } from '../../test/test-gateway';

export const SCHEMA_FILE = path.join(__dirname, '..', '..', 'schema.graphql');

const HEADER = '# The public GraphQL schema of the CPX gateway. Generated from the resolvers: do not edit.\n# Regenerate: sh scripts/node24.sh -r @swc-node/register apps/gateway/src/graphql/schema-file.ts\n\n';

export function printGatewaySchema(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

export async function servedSchemaText(): Promise<string> {
  const gateway = await startTestGateway({ listen: false });
  try {
    return printGatewaySchema(gateway.app.get(GraphQLSchemaHost).schema);
  } finally {
    await gateway.close();
  }
}

async function main(): Promise<number> {
  const text = await servedSchemaText();
  const current = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (process.argv.includes('--check')) {
    if (current === text) return 0;
    process.stderr.write(`${path.relative(process.cwd(), SCHEMA_FILE)} is out of date: regenerate it (see its header).\n`);
    return 1;
  }
  if (current !== text) await writeFile(SCHEMA_FILE, text);
  process.stdout.write(`${path.relative(process.cwd(), SCHEMA_FILE)} ${current === text ? 'unchanged' : 'written'}\n`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
