import { startTestGateway, type TestGateway } from '../../test/test-gateway';

const INTROSPECTION = '{ __schema { queryType { name } } }';

describe('explorers by mode', () => {
  let production: TestGateway;
  let local: TestGateway;

  beforeAll(async () => {
    production = await startTestGateway({
      env: { CPX_MODE: 'production', KAFKA_TLS: 'true', KAFKA_SASL_USERNAME: 'cpx-gateway', KAFKA_SASL_PASSWORD: 'p'.repeat(24), OIDC_JWKS_URL: 'http://127.0.0.1:9/certs', OIDC_ISSUER: 'https://kc/realms/cpx', OIDC_AUDIENCE: 'cpx' },
    });
    local = await startTestGateway({ env: { CPX_MODE: 'local' } });
  });
  afterAll(async () => {
    await production.close();
    await local.close();
  });

  it('production has no introspection and no landing page', async () => {
    const { body } = await production.graphql(INTROSPECTION, { token: null });
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
    const page = await fetch(`${production.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toMatch(/graphiql/i);
  });

  it('local mode offers introspection and GraphiQL', async () => {
    const { body } = await local.graphql(INTROSPECTION);
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const page = await fetch(`${local.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toMatch(/graphiql/i);
  });

  it('keeps CSRF prevention on: a simple cross-site request is refused', async () => {
    const response = await fetch(`${production.url}/graphql?query=${encodeURIComponent('{ me { subject } }')}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
  });

  it('reads bodies far above 100 KB, so an oversized field is named by validation rather than refused with 413', async () => {
    const { status, body } = await local.graphql('mutation ($name: String!) { registerAgency(input: { name: $name, type: NGO, country: "MD" }) { id } }', {
      variables: { name: 'y'.repeat(1_000_000) },
    });
    expect(status).toBe(200);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });
});
