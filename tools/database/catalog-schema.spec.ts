import { isEmptySchema, renderCatalogSchema, type CatalogSchema } from './catalog-schema';

const empty: CatalogSchema = { tables: [], sequences: [], views: [], functions: [], types: [], extensions: [] };

describe('renderCatalogSchema', () => {
  const schema: CatalogSchema = {
    ...empty,
    extensions: ['pg_trgm'],
    types: [{ name: 'mood', definition: "AS ENUM ('calm', 'urgent')" }],
    sequences: [{ name: 'note_seq', definition: 'AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9 START WITH 1', grants: [{ grantee: 'cpx_tmp_1_runtime', privileges: ['USAGE'] }] }],
    tables: [
      {
        name: 'note',
        columns: [
          { name: 'id', type: 'bigint', notNull: true, default: "nextval('note_seq'::regclass)", generated: null, identity: null, collation: null },
          { name: 'body', type: 'text', notNull: false, default: null, generated: null, identity: null, collation: 'C' },
          { name: 'words', type: 'integer', notNull: false, default: null, generated: 'length(body)', identity: null, collation: null },
        ],
        constraints: [{ name: 'note_pkey', definition: 'PRIMARY KEY (id)' }],
        indexes: [{ name: 'note_body', definition: 'CREATE INDEX note_body ON public.note USING btree (body)' }],
        triggers: [],
        policies: [],
        rowSecurity: true,
        grants: [{ grantee: 'cpx_tmp_1_runtime', privileges: ['INSERT', 'SELECT'] }],
      },
    ],
  };

  it('prints each object as a statement, with names of the throw-away database renamed', () => {
    expect(renderCatalogSchema(schema, (text) => text.split('cpx_tmp_1').join('cpx_notes'))).toBe(
      [
        'CREATE EXTENSION pg_trgm;',
        '',
        "CREATE TYPE mood AS ENUM ('calm', 'urgent');",
        '',
        'CREATE SEQUENCE note_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9 START WITH 1;',
        '',
        'GRANT USAGE ON SEQUENCE note_seq TO cpx_notes_runtime;',
        '',
        'CREATE TABLE note (',
        "  id bigint NOT NULL DEFAULT nextval('note_seq'::regclass),",
        '  body text COLLATE C,',
        '  words integer GENERATED ALWAYS AS (length(body)) STORED,',
        '  CONSTRAINT note_pkey PRIMARY KEY (id)',
        ');',
        '',
        'CREATE INDEX note_body ON public.note USING btree (body);',
        '',
        'ALTER TABLE note ENABLE ROW LEVEL SECURITY;',
        '',
        'GRANT INSERT, SELECT ON note TO cpx_notes_runtime;',
        '',
      ].join('\n'),
    );
  });

  it('knows an empty schema from one with anything in it', () => {
    expect(isEmptySchema(empty)).toBe(true);
    expect(isEmptySchema(schema)).toBe(false);
    expect(isEmptySchema({ ...empty, functions: [{ signature: 'f()', definition: 'CREATE FUNCTION f() ...' }] })).toBe(false);
  });
});
