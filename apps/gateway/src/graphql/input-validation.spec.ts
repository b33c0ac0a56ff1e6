import { AgencyType, DirectoryRequests } from '@cpx/contracts';
import { anAgency } from '../../test/directory-factories';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, type TestGateway } from '../../test/test-gateway';

const REGISTER = `mutation Register($input: RegisterAgencyInput!) { registerAgency(input: $input) { id name } }`;
const valid = { name: 'Qendra Sociale Tiranë', type: 'NGO', country: 'AL', languages: ['sq', 'rom', 'sr-Cyrl'] };

describe('input validation at the edge', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests().on(DirectoryRequests.registerAgency, (request) => ({ agency: anAgency({ name: request.name }) }));

  beforeAll(async () => {
    gateway = await startTestGateway({ requests });
  });
  afterAll(() => gateway.close());

  async function registerWith(input: Record<string, unknown>) {
    requests.calls.length = 0;
    return (await gateway.graphql(REGISTER, { variables: { input: { ...valid, ...input } } })).body;
  }

  it('rejects a 100 KB name as BAD_USER_INPUT naming input.name, without echoing it or calling the service', async () => {
    const body = await registerWith({ name: 'x'.repeat(100_000) });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ message: 'input.name must be at most 200 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } });
    expect(requests.calls).toHaveLength(0);
  });

  it('passes SQL- and HTML-looking text through verbatim', async () => {
    const name = `Robert'); DROP TABLE agencies;-- <script>alert("x")</script> & Ωμέγα Ђорђе`;
    const body = await registerWith({ name });
    expect(body.errors).toBeUndefined();
    expect(requests.calls[0]?.request).toMatchObject({ name, type: AgencyType.NGO, country: 'AL', languages: ['sq', 'rom', 'sr-Cyrl'] });
    expect(body.data).toEqual({ registerAgency: { id: expect.any(String), name } });
  });

  it.each([
    [{ country: 'rs' }, 'input.country'],
    [{ country: 'SRB' }, 'input.country'],
    [{ name: ' \t ' }, 'input.name'],
    [{ languages: ['Serbian'] }, 'input.languages'],
    [{ languages: Array.from({ length: 21 }, () => 'sq') }, 'input.languages'],
    [{ contacts: [{ kind: 'EMAIL', value: 'a'.repeat(321) }] }, 'input.contacts.0.value'],
    [{ name: 'Centar\u200Bza socijalni rad' }, 'input.name'],
    [{ name: 'Centar\u00ADza socijalni rad' }, 'input.name'],
    [{ name: 'Centar za socijalni rad\uD800' }, 'input.name'],
    [{ name: 'Centar\u0000' }, 'input.name'],
    [{ contacts: [{ kind: 'PHONE', value: '+381 11 000', label: 'ev\u202Eil' }] }, 'input.contacts.0.label'],
  ])('rejects %j naming %s', async (input, field) => {
    const body = await registerWith(input);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    expect(requests.calls).toHaveLength(0);
  });

  it('checks scalar arguments too: ids are UUIDs, first is 1..100', async () => {
    expect((await gateway.graphql('{ professional(id: "1 OR 1=1") { id } }')).body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await gateway.graphql('{ agencies(first: 101) { totalCount } }')).body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await gateway.graphql('{ agencies(filter: { country: "Serbia" }) { totalCount } }')).body.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.country',
    });
  });

  it('leaves type errors to GraphQL: a value of the wrong type is BAD_USER_INPUT from variable coercion', async () => {
    const { status, body } = await gateway.graphql(REGISTER, { variables: { input: { ...valid, type: 'SPACE_AGENCY' } } });
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });
});
