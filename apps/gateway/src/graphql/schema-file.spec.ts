import { readFile } from 'node:fs/promises';
import { SCHEMA_FILE, servedSchemaText } from './schema-file';

describe('apps/gateway/schema.graphql', () => {
  it('is the schema the gateway serves (regenerate it with the command in its header)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await servedSchemaText());
  });
});
