import { webhookUrlProblem } from './webhook-url';

/** Every deployment, whatever its mode. */
const guarded = { allowPrivate: false };
/** FEEDS_ALLOW_PRIVATE_ENDPOINTS: receivers of tests and benchmarks on this machine. */
const privateAllowed = { allowPrivate: true };

describe('webhook URL rules', () => {
  it.each(['https://partner.example.org/cpx', 'https://hooks.example.com:8443/a?b=c'])('accepts %s everywhere', (url) => {
    expect(webhookUrlProblem(url, guarded)).toBeUndefined();
    expect(webhookUrlProblem(url, privateAllowed)).toBeUndefined();
  });

  it.each(['http://127.0.0.1:4000/hook', 'http://localhost/hook', 'http://[::1]:9/x'])('allows %s only where private endpoints are allowed', (url) => {
    expect(webhookUrlProblem(url, privateAllowed)).toBeUndefined();
    expect(webhookUrlProblem(url, guarded)).toBe('must use https');
  });

  it.each(['https://10.0.0.5/x', 'https://127.0.0.1/x', 'https://169.254.169.254/latest', 'https://192.168.1.1/', 'https://[::1]/', 'https://[fd00::1]/', 'https://localhost/', 'https://[::ffff:169.254.169.254]/'])(
    'refuses the private address %s unless private endpoints are allowed',
    (url) => {
      expect(webhookUrlProblem(url, guarded)).toMatch(/private/);
      expect(webhookUrlProblem(url, privateAllowed)).toBeUndefined();
    },
  );

  it.each([
    ['not a url', /absolute/],
    ['ftp://example.org/x', /https/],
    ['http://partner.example.org/x', /https/],
    ['https://user:pw@example.org/', /credentials/],
    [`https://example.org/${'a'.repeat(2_000)}`, /at most/],
  ])('refuses %s', (url, why) => expect(webhookUrlProblem(url, privateAllowed)).toMatch(why));
});
