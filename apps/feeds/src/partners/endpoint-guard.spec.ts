import type { FeedsConfig } from '../config/feeds.config';
import { EndpointGuard, type HostResolver } from './endpoint-guard';

/** DNS as the test says: no lookup leaves the process. */
function stubDns(table: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    asked.push(host);
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };
  return Object.assign(resolve, { asked });
}

const production = { CPX_MODE: 'production' } as Pick<FeedsConfig, 'CPX_MODE'>;

describe('endpoint guard (SSRF)', () => {
  const dns = stubDns({
    'hooks.partner.example': ['203.0.113.10', '2001:db8::10'],
    'localhost': ['127.0.0.1', '::1'],
    'sneaky.partner.example': ['203.0.113.11', '10.0.0.7'],
    'metadata.partner.example': ['169.254.169.254'],
    'cgnat.partner.example': ['100.64.1.2'],
    'ula.partner.example': ['fd12:3456::1'],
    'linklocal6.partner.example': ['fe80::1'],
    'mapped.partner.example': ['::ffff:192.168.0.1'],
    'empty.partner.example': [],
  });
  const guard = new EndpointGuard(dns, production);

  it('lets through a host whose every address is public', async () => {
    expect(await guard.refusal('https://hooks.partner.example/cpx')).toBeUndefined();
  });

  it.each([
    'https://localhost/hook',
    'https://sneaky.partner.example/hook',
    'https://metadata.partner.example/latest',
    'https://cgnat.partner.example/',
    'https://ula.partner.example/',
    'https://linklocal6.partner.example/',
    'https://mapped.partner.example/',
    'https://10.1.2.3/',
    'https://[fd00::1]/',
  ])('refuses %s, which is or resolves (on any address) to an internal one', async (url) => {
    expect(await guard.refusal(url)).toMatchObject({ kind: 'private' });
  });

  it('refuses a host that does not resolve, and never names the addresses it found', async () => {
    expect(await guard.refusal('https://nowhere.partner.example/')).toMatchObject({ kind: 'unresolved' });
    expect(await guard.refusal('https://empty.partner.example/')).toMatchObject({ kind: 'unresolved' });
    expect((await guard.refusal('https://sneaky.partner.example/'))?.message).not.toContain('10.0.0.7');
  });

  it('does not resolve IP literals, and checks nothing outside production', async () => {
    dns.asked.length = 0;
    expect(await guard.refusal('https://203.0.113.9/')).toBeUndefined();
    expect(dns.asked).toEqual([]);
    const testMode = new EndpointGuard(dns, { CPX_MODE: 'test' });
    expect(await testMode.refusal('http://localhost:4000/hook')).toBeUndefined();
    expect(dns.asked).toEqual([]);
  });
});
