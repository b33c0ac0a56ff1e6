import { AlertsRequests, DirectoryRequests, FeedsRequests } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';
import { GATEWAY_SERVICES } from '../messaging/requests.module';
import { FakeRequests } from '../../test/fake-requests';
import { startTestGateway, type TestGateway } from '../../test/test-gateway';
import { SYSTEM_PRINCIPAL } from './readiness.service';

describe('health probes', () => {
  let gateway: TestGateway;
  const requests = new FakeRequests();

  beforeAll(async () => {
    // No Kafka on 127.0.0.1:9: the broker check must fail fast and say so.
    gateway = await startTestGateway({ requests });
  });
  afterAll(() => gateway.close());

  it('/health answers without a token', async () => {
    const response = await fetch(`${gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/ready is 503 naming each part that fails, and asks services as the system principal', async () => {
    requests.on(DirectoryRequests.healthCheck, () => ({ service: 'directory', databaseOk: false }));
    requests.on(AlertsRequests.healthCheck, () => ({ service: 'alerts', databaseOk: true }));
    requests.on(FeedsRequests.healthCheck, () => ({ service: 'feeds', databaseOk: true }));
    // Any service added since (GATEWAY_SERVICES) answers healthy, and is checked as the others are.
    const added = Object.entries(GATEWAY_SERVICES).filter(([name]) => !['directory', 'alerts', 'feeds'].includes(name));
    for (const [name, operations] of added) requests.on(operations.healthCheck, () => ({ service: name, databaseOk: true }));
    const started = Date.now();
    const response = await fetch(`${gateway.url}/ready`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      checks: { kafka: expect.not.stringMatching(/^ok$/), requests: 'ok', directory: 'database unreachable', alerts: 'ok', feeds: 'ok', ...Object.fromEntries(added.map(([name]) => [name, 'ok'])) },
    });
    expect(requests.calls.at(-1)?.principal).toEqual(SYSTEM_PRINCIPAL);

    requests.on(DirectoryRequests.healthCheck, () => {
      throw DomainError.unavailable('The directory service did not answer in time.');
    });
    expect(((await (await fetch(`${gateway.url}/ready`)).json()) as { checks: Record<string, string> }).checks['directory']).toBe(
      'The directory service did not answer in time.',
    );
  });
});
