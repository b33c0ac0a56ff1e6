/**
 * Every query and mutation of the public schema, called the way an attacker or a broken
 * client would: without a token, and with hostile arguments (huge strings, control
 * characters, SQL and HTML, malformed ids, out-of-range numbers and dates). Whatever the
 * operation, the answer is a coded refusal: UNAUTHENTICATED without a token, and never an
 * internal error, a hang or a stack trace with one. The operations are read from
 * apps/gateway/schema.graphql, so a new operation is covered the day it is added.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { codes, startE2ePlatform, type E2ePlatform } from '@cpx/testing';

jest.setTimeout(300_000);

const schema = buildSchema(readFileSync(path.join(__dirname, '..', '..', 'gateway', 'schema.graphql'), 'utf8'));

/**
 * Plausible arguments with hostile text: ids that are UUIDs (of nothing), real country
 * codes, language tags, URLs and keys of the right shape, so that the call passes the
 * gateway's checks and reaches a service, and every free text is `text`. What each
 * service does with it (store it verbatim, refuse it as input, not find the id) is its
 * business; an internal error is not.
 */
function plausible(name: string, scalar: string, text: string): unknown {
  const key = name.toLowerCase();
  if (scalar === 'ID' || key.endsWith('id')) return '3f2b9c1e-8d4a-4e6b-9f0a-1c2d3e4f5a6b';
  if (scalar === 'Int') return key === 'first' ? 5 : 1;
  if (scalar === 'Boolean') return false;
  if (scalar === 'DateTime') return key === 'endsat' || key === 'until' ? '2026-12-31T10:00:00Z' : '2026-12-30T10:00:00Z';
  if (key === 'after' || key === 'expectedversion') return null;
  if (key.includes('countr') || key === 'code' || key.endsWith('country')) return 'RS';
  if (key.includes('language')) return 'sr-Latn';
  if (key === 'idempotencykey') return `hostile-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  if (key.includes('url')) return 'https://example.org/hook';
  if (key === 'eventtypes') return 'cpx.alerts.v1.*';
  if (key === 'dateofbirth') return '2014-05-01';
  if (key === 'value') return 'someone@example.org';
  if (key === 'photo' || key === 'photocontenttype') return null;
  return text;
}

function plausibleValue(name: string, type: GraphQLInputType, text: string, depth: number): unknown {
  if (isNonNullType(type)) return plausibleValue(name, type.ofType, text, depth);
  if (isListType(type)) return [plausibleValue(name, type.ofType, text, depth)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    if (depth > 3) return null;
    const fields = Object.values(type.getFields()).map((field) => [field.name, plausibleValue(field.name, field.type, text, depth + 1)] as const);
    return Object.fromEntries(fields.filter(([, value]) => value !== null));
  }
  if (isScalarType(type)) return plausible(name, type.name, text);
  return null;
}

const HOSTILE_TEXTS = {
  'SQL and HTML': "O'Brien\"; DROP TABLE agency; -- <img src=x onerror=alert(1)>",
  'a NUL and a bidi override': 'Ana\u0000 \u202Egpj.exe',
  'mixed scripts': 'Ђорђевић Papadopoulos Παπαδόπουλος',
} as const;

/** One hostile value per scalar, by variant: each variant is a separate call. */
const VARIANTS = {
  huge: { String: 'Ж'.repeat(100_000), ID: 'x'.repeat(10_000), Int: 2_147_483_647, DateTime: '9999-12-31T23:59:59Z', Boolean: true },
  control: { String: 'a\u0000b\u202E\u0007', ID: '00000000-0000-0000-0000-000000000000\u0000', Int: -1, DateTime: '1000-01-01T00:00:00Z', Boolean: false },
  injection: { String: "'; DROP TABLE agency; -- <script>alert(1)</script>", ID: "1' OR '1'='1", Int: 0, DateTime: '2026-01-01T00:00:00+14:00', Boolean: true },
} as const;
type Variant = keyof typeof VARIANTS;

function valueFor(type: GraphQLInputType, variant: Variant, depth: number): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, variant, depth);
  if (isListType(type)) return [valueFor(type.ofType, variant, depth)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    if (depth > 3) return null;
    return Object.fromEntries(Object.values(type.getFields()).map((field) => [field.name, valueFor(field.type, variant, depth + 1)]));
  }
  if (isScalarType(type)) return VARIANTS[variant][type.name as keyof (typeof VARIANTS)[Variant]] ?? 'x';
  return null;
}

/** `query($a: T!) { field(a: $a) { __typename } }` and the variables for one variant. */
function call(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, variant: Variant) {
  const args = field.args as readonly GraphQLArgument[];
  const declared = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const returned = getNamedType(field.type);
  const selection = isScalarType(returned) || isEnumType(returned) ? '' : ' { __typename }';
  const text = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  const variables = Object.fromEntries(args.map((arg) => [arg.name, valueFor(arg.type, variant, 0)]));
  return { text, variables };
}

const operations = [
  ...Object.values(schema.getQueryType()!.getFields()).map((field) => ({ kind: 'query' as const, field })),
  ...Object.values(schema.getMutationType()!.getFields()).map((field) => ({ kind: 'mutation' as const, field })),
];

let platform: E2ePlatform;
let admin: string;
let professional: string;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-hostile');
  admin = await platform.token({ roles: ['platform_admin'] });
  professional = await platform.token({ roles: ['professional', 'agency_admin'], country: 'RS', agency: '00000000-0000-4000-8000-000000000000' });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

it('covers every query and mutation of the schema', () => {
  expect(operations.length).toBeGreaterThan(30);
});

it('refuses every operation without a token as UNAUTHENTICATED, before it reaches a service', async () => {
  const answers: Record<string, string[]> = {};
  for (const { kind, field } of operations) {
    const { text, variables } = call(kind, field, 'injection');
    answers[field.name] = codes(await platform.query(text, variables));
  }
  const expected = Object.fromEntries(operations.map(({ field }) => [field.name, expect.arrayContaining(['UNAUTHENTICATED'])]));
  expect(answers).toEqual(expected);
});

it.each(Object.keys(VARIANTS) as Variant[])('answers every operation given %s arguments with a coded refusal or a result, never an internal error', async (variant) => {
  const internal: Record<string, unknown> = {};
  for (const token of [admin, professional]) {
    for (const { kind, field } of operations) {
      const { text, variables } = call(kind, field, variant);
      const started = Date.now();
      const response = await platform.query(text, variables, token);
      const elapsed = Date.now() - started;
      const failed = codes(response).filter((code) => code === 'INTERNAL_SERVER_ERROR' || code === 'NO_CODE');
      if (failed.length > 0 || elapsed > 10_000) internal[`${field.name} (${token === admin ? 'admin' : 'professional'})`] = { errors: response.errors, elapsed };
      expect(JSON.stringify(response.errors ?? [])).not.toMatch(/\bat \w+ \(|\.ts:\d+|QueryFailedError/);
    }
  }
  expect(internal).toEqual({});
});

it.each(Object.entries(HOSTILE_TEXTS))('answers every operation given plausible arguments with %s text, reaching the services, never with an internal error', async (_label, text) => {
  const internal: Record<string, unknown> = {};
  const reachedServices = new Set<string>();
  for (const token of [admin, professional]) {
    for (const { kind, field } of operations) {
      const args = field.args as readonly GraphQLArgument[];
      const declared = args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
      const passed = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      const returned = getNamedType(field.type);
      const selection = isScalarType(returned) || isEnumType(returned) ? '' : ' { __typename }';
      const query = `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
      const variables = Object.fromEntries(args.map((arg) => [arg.name, plausibleValue(arg.name, arg.type, text, 0)]));
      const started = Date.now();
      const response = await platform.query(query, variables, token);
      const elapsed = Date.now() - started;
      const found = codes(response);
      if (found.some((code) => code === 'INTERNAL_SERVER_ERROR' || code === 'NO_CODE') || elapsed > 10_000) {
        internal[`${field.name} (${token === admin ? 'admin' : 'professional'})`] = { errors: response.errors, elapsed };
      }
      if (found.length === 0 || found.some((code) => ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'].includes(code))) reachedServices.add(field.name);
    }
  }
  expect(internal).toEqual({});
  // The arguments are plausible enough to get past the gateway for most operations.
  expect(reachedServices.size).toBeGreaterThan(operations.length / 2);
});

describe('bounded work per caller, through the real platform', () => {
  const agencyId = '3f2b9c1e-8d4a-4e6b-9f0a-1c2d3e4f5a6b';

  it('refuses 450 aliases of agency(id) and 20 aliased reveals before running anything', async () => {
    const aliases = Array.from({ length: 450 }, (_, i) => `a${i}: agency(id: "${agencyId}") { id }`).join(' ');
    const many = await platform.query(`{ ${aliases} }`, {}, admin);
    expect(many.status).toBe(400);
    expect(many.errors?.[0]?.message).toMatch(/^The operation would send up to 450 requests to services, more than the limit of 25\./);
    const reveals = Array.from({ length: 20 }, (_, i) => `r${i}: revealAlertIdentity(id: "${agencyId}", purpose: "Checking the photo against the record") { givenNames }`);
    const revealing = await platform.query(`mutation { ${reveals.join(' ')} }`, {}, professional);
    expect(codes(revealing)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('refuses a 6 MB variable without a token as UNAUTHENTICATED, from the headers', async () => {
    const started = performance.now();
    const response = await platform.query('mutation ($name: String!) { registerCountry(input: { code: "ZZ", name: $name }) { code } }', { name: 'y'.repeat(6_000_000) });
    const elapsed = performance.now() - started;
    expect([response.status, codes(response)]).toEqual([401, ['UNAUTHENTICATED']]);
    // Issue 11 measured 840 ms (the body read, parsed and validated, then refused field by
    // field); here about 160 ms, mostly the client sending the body. That the gateway
    // answers before reading it is proven in apps/gateway/src/limits/limits.spec.ts.
    expect(elapsed).toBeLessThan(500);
  });

  it('refuses a token with an empty subject, or one valid for 100 years', async () => {
    const empty = await platform.token({ sub: '', roles: ['platform_admin'] });
    const century = await platform.token({ roles: ['platform_admin'] }, '100y');
    for (const token of [empty, century]) expect(codes(await platform.query('{ me { subject } }', {}, token))).toEqual(['UNAUTHENTICATED']);
  });

  it('bounds introspection without a token: 60 levels of ofType, 30 aliases of __schema', async () => {
    const deep = await platform.query(`{ __type(name: "Query") { ${'ofType { '.repeat(60)}name${' }'.repeat(60)} } }`);
    expect(codes(deep)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const schemas = Array.from({ length: 30 }, (_, i) => `s${i}: __schema { types { name fields { name type { name ofType { name } } } } }`).join(' ');
    const aliased = await platform.query(`{ ${schemas} }`);
    expect(codes(aliased)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(aliased.errors?.[0]?.message).toBe('The operation asks for `__schema` 30 times; one operation may ask for it once.');
  });
});
