import { FeedsConfig } from '../config/feeds.config';
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

/** A deployment's defaults, in each mode: nothing allows private endpoints. */
const defaults = (mode: FeedsConfig['CPX_MODE']) => Object.assign(new FeedsConfig(), { CPX_MODE: mode });

describe('endpoint guard (SSRF)', () => {
  const dns = stubDns({
    'hooks.partner.example': ['8.8.8.8', '2001:4860:4860::8888'],
    'localhost': ['127.0.0.1', '::1'],
    'sneaky.partner.example': ['8.8.4.4', '10.0.0.7'],
    'metadata.partner.example': ['169.254.169.254'],
    'cgnat.partner.example': ['100.64.1.2'],
    'ula.partner.example': ['fd12:3456::1'],
    'linklocal6.partner.example': ['fe80::1'],
    'mapped.partner.example': ['::ffff:192.168.0.1'],
    // A DNS64 resolver's answer for an internal name: the metadata service behind NAT64.
    'nat64.partner.example': ['64:ff9b::a9fe:a9fe'],
    'teredo.partner.example': ['2001:0:4136:e378:8000:63bf:3fff:fdd2'],
    'empty.partner.example': [],
  });
  const guard = new EndpointGuard(dns, defaults('production'));

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
    'https://nat64.partner.example/',
    'https://teredo.partner.example/',
    'https://[::10.0.0.5]/',
    'https://198.18.0.1/',
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

  it('does not resolve IP literals', async () => {
    dns.asked.length = 0;
    expect(await guard.refusal('https://1.1.1.1/')).toBeUndefined();
    expect(dns.asked).toEqual([]);
  });

  it.each(['local', 'test'] as const)('guards just the same in %s mode, unless private endpoints are allowed', async (mode) => {
    const unguarded = new EndpointGuard(dns, defaults(mode));
    for (const url of ['https://10.0.0.5/', 'https://169.254.169.254/latest', 'https://metadata.partner.example/latest', 'https://sneaky.partner.example/', 'https://localhost/']) {
      expect(await unguarded.refusal(url)).toMatchObject({ kind: 'private' });
    }
    expect(unguarded.literalRefusal('127.0.0.1')).toMatchObject({ kind: 'private' });

    const allowing = new EndpointGuard(dns, Object.assign(defaults(mode), { FEEDS_ALLOW_PRIVATE_ENDPOINTS: true }));
    dns.asked.length = 0;
    expect(await allowing.refusal('http://localhost:4000/hook')).toBeUndefined();
    expect(await allowing.refusal('https://10.0.0.5/')).toBeUndefined();
    expect(allowing.literalRefusal('127.0.0.1')).toBeUndefined();
    expect(dns.asked).toEqual([]);
  });
});
