import { isPrivateAddress, webhookUrlProblem } from './webhook-url';

describe('webhook URL rules', () => {
  it.each(['https://partner.example.org/cpx', 'https://hooks.example.com:8443/a?b=c'])('accepts %s everywhere', (url) => {
    expect(webhookUrlProblem(url, 'production')).toBeUndefined();
    expect(webhookUrlProblem(url, 'test')).toBeUndefined();
  });

  it.each(['http://127.0.0.1:4000/hook', 'http://localhost/hook', 'http://[::1]:9/x'])('allows %s outside production only', (url) => {
    expect(webhookUrlProblem(url, 'test')).toBeUndefined();
    expect(webhookUrlProblem(url, 'local')).toBeUndefined();
    expect(webhookUrlProblem(url, 'production')).toBe('must use https');
  });

  it.each(['https://10.0.0.5/x', 'https://127.0.0.1/x', 'https://169.254.169.254/latest', 'https://192.168.1.1/', 'https://[::1]/', 'https://[fd00::1]/', 'https://localhost/'])(
    'refuses the private address %s in production',
    (url) => expect(webhookUrlProblem(url, 'production')).toMatch(/private/),
  );

  it.each(['100.64.0.1', '100.127.255.254', '224.0.0.1', '0.0.0.0', 'fe80::1', 'febf::1', 'fc00::1', 'ff02::1', '::ffff:10.0.0.1', '::ffff:8.8.8.8', 'sub.localhost'])(
    'counts %s as internal',
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(['203.0.113.10', '100.63.255.255', '100.128.0.1', '172.32.0.1', '2001:db8::1', 'fe00::1', 'partner.example'])('counts %s as public', (address) =>
    expect(isPrivateAddress(address)).toBe(false),
  );

  it.each([
    ['not a url', /absolute/],
    ['ftp://example.org/x', /https/],
    ['http://partner.example.org/x', /https/],
    ['https://user:pw@example.org/', /credentials/],
    [`https://example.org/${'a'.repeat(2_000)}`, /at most/],
  ])('refuses %s', (url, why) => expect(webhookUrlProblem(url, 'test')).toMatch(why));
});
