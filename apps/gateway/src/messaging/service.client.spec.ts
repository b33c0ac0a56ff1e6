import { AlertsRequests, DirectoryRequests, FeedsRequests } from '@cpx/contracts';
import { DomainError, type Principal } from '@cpx/platform';
import { RequestLimitError } from '../graphql/graphql-errors';
import { countingRoundTrips, withinRoundTrips } from '../limits/round-trips';
import { FakeRequests } from '../../test/fake-requests';
import { SEARCH, underInput } from './argument-paths';
import { ServiceClient } from './service.client';

const admin: Principal = { subject: 'admin', roles: ['platform_admin'] };

describe('ServiceClient: every service as the resolvers see it', () => {
  let requests: FakeRequests;
  let client: ServiceClient;

  beforeEach(() => {
    requests = new FakeRequests();
    client = new ServiceClient(countingRoundTrips(requests));
  });

  it("sends each service's operation with the caller's principal", async () => {
    requests
      .on(DirectoryRequests.listCountries, () => ({ countries: [] }))
      .on(AlertsRequests.acknowledgeAlert, () => ({}))
      .on(FeedsRequests.listSubscriptions, () => ({ subscriptions: [] }));
    await client.send(DirectoryRequests.listCountries, {}, admin);
    await client.send(AlertsRequests.acknowledgeAlert, {}, admin);
    await client.send(FeedsRequests.listSubscriptions, { partnerId: 'p' }, admin);
    expect(requests.calls.map(({ operation, principal }) => [operation, principal.subject])).toEqual([
      [DirectoryRequests.listCountries.name, 'admin'],
      [AlertsRequests.acknowledgeAlert.name, 'admin'],
      [FeedsRequests.listSubscriptions.name, 'admin'],
    ]);
  });

  it('names the field at fault as the caller wrote it, whichever service answered', async () => {
    requests
      .on(DirectoryRequests.updateAgency, () => {
        throw DomainError.badInput('input.display_name', 'must not be blank');
      })
      .on(FeedsRequests.listSubscriptions, () => {
        throw DomainError.badInput('page.first', 'must be at most 100');
      });
    await expect(client.send(DirectoryRequests.updateAgency, {}, admin, underInput('id'))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'must not be blank',
      field: 'input.displayName',
    });
    await expect(client.send(FeedsRequests.listSubscriptions, {}, admin, SEARCH)).rejects.toMatchObject({ field: 'first' });
    await expect(client.send(FeedsRequests.listSubscriptions, {}, admin)).rejects.toMatchObject({ field: 'page.first' });
  });

  it('passes on unchanged a failure that names no field, and any other error', async () => {
    const forbidden = DomainError.forbidden();
    const broken = new Error('connection lost');
    requests
      .on(AlertsRequests.acknowledgeAlert, () => {
        throw forbidden;
      })
      .on(DirectoryRequests.listCountries, () => {
        throw broken;
      });
    await expect(client.send(AlertsRequests.acknowledgeAlert, {}, admin)).rejects.toBe(forbidden);
    await expect(client.send(DirectoryRequests.listCountries, {}, admin)).rejects.toBe(broken);
  });

  it("counts its requests against the running operation's round trips, and sends none past the limit", async () => {
    requests.on(DirectoryRequests.listCountries, () => ({ countries: [] }));
    await withinRoundTrips(2, async () => {
      await client.send(DirectoryRequests.listCountries, {}, admin);
      await client.send(DirectoryRequests.listCountries, {}, admin);
      const refused = client.send(DirectoryRequests.listCountries, {}, admin);
      await expect(refused).rejects.toBeInstanceOf(RequestLimitError);
      await expect(refused).rejects.toMatchObject({ code: 'TOO_MANY_ROUND_TRIPS' });
    });
    expect(requests.calls).toHaveLength(2);
  });
});
