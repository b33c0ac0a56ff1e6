import { isPrivateAddress } from './internal-addresses';
import { webhookUrlProblem } from './webhook-url';

describe('internal addresses: IPv4', () => {
  it.each([
    ['0.0.0.0', '"this network"'],
    ['0.255.255.255', '"this network"'],
    ['10.0.0.5', 'private'],
    ['100.64.0.1', 'shared (CGNAT)'],
    ['100.127.255.254', 'shared (CGNAT)'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.0.0.1', 'IETF protocol assignments'],
    ['192.0.0.170', 'NAT64 discovery'],
    ['192.0.2.1', 'documentation'],
    ['192.88.99.1', '6to4 relay anycast'],
    ['192.168.1.1', 'private'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.10', 'documentation'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
  ])('refuses %s (%s)', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '100.63.255.255', '100.128.0.1', '172.15.255.255', '172.32.0.1', '192.0.1.255', '192.0.3.0', '192.169.0.1', '198.17.255.255', '198.20.0.1', '223.255.255.255'])(
    'lets %s through, just outside the blocks',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe('internal addresses: IPv6', () => {
  it.each([
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local, with a zone'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local (deprecated)'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['fe00::1', 'reserved'],
    ['100::1', 'discard-only'],
    ['5f00::1', 'SRv6 SIDs'],
    ['64:ff9b:1::a00:5', 'local-use NAT64'],
    ['64:ff9b:1::808:808', 'local-use NAT64, whatever it carries'],
    ['2001::1', 'Teredo'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:2::1', 'benchmarking'],
    ['2001:1ff::1', 'IETF protocol assignments'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
  ])('refuses %s (%s)', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each([
    // As the URL parser writes them: the IPv4 address is in hex.
    ['::a00:5', 'IPv4-compatible ::10.0.0.5'],
    ['::10.0.0.5', 'IPv4-compatible, dotted'],
    ['::7f00:1', 'IPv4-compatible ::127.0.0.1'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped ::ffff:169.254.169.254'],
    ['::ffff:10.0.0.1', 'IPv4-mapped, dotted'],
    ['::ffff:0:0', 'IPv4-mapped 0.0.0.0'],
    ['64:ff9b::a00:5', 'NAT64 of 10.0.0.5'],
    ['64:ff9b::169.254.169.254', 'NAT64 of the metadata service'],
    ['64:ff9b::c000:2a0', 'NAT64 of 192.0.2.160'],
    ['2002:a00:5::1', '6to4 of 10.0.0.5'],
    ['2002:7f00:1::', '6to4 of 127.0.0.1'],
    ['2002:c612:1::1', '6to4 of 198.18.0.1'],
  ])('refuses %s (%s), by the IPv4 address it carries', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['2001:4860:4860::8888', '2606:4700:4700::1111', '2a00:1450:4001::1', '2001:200::1', '2620:4f:8000::1', '::ffff:8.8.8.8', '::808:808', '64:ff9b::808:808', '2002:808:808::1'])(
    'lets %s through: global unicast, or carrying a public IPv4 address',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe('internal addresses: names and URLs', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', 'sub.localhost', '[::1]', '[::a00:5]'])('refuses %s', (host) => expect(isPrivateAddress(host)).toBe(true));

  it.each(['partner.example', 'hooks.partner.example.', 'localhost.partner.example'])('leaves the name %s to what it resolves to', (host) => expect(isPrivateAddress(host)).toBe(false));

  it.each([
    'https://[::10.0.0.5]/',
    'https://[::ffff:10.0.0.5]/',
    'https://[64:ff9b::10.0.0.5]/',
    'https://[64:ff9b:1::1]/',
    'https://[2002:a9fe:a9fe::1]/',
    'https://[2001::1]/',
    'https://192.0.0.8/',
    'https://198.18.0.1/',
    'https://0x7f.1/',
    'https://2130706433/',
  ])('refuses %s as the URL parser writes it', (url) => expect(webhookUrlProblem(url, { allowPrivate: false })).toMatch(/private/));
});
