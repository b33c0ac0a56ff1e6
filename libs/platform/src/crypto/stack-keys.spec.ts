// The keys the stack makes for npm start, the e2e tests and the harnesses: each service
// is given its own only, and the halves held by different services belong together.
import { ChildIdentitySchema } from '@cpx/contracts';
import { newLocalKeys } from '@cpx/stack';
import { PrincipalSigner, PrincipalVerifier } from '../auth-context/principal-signature';
import { parseKeyList } from './key-list';
import { PayloadOpener, PayloadSealer, revealIdentityContext } from './sealed-payloads';

describe('the keys of a local run', () => {
  const keys = newLocalKeys('run-1');
  const list = (holder: keyof typeof keys.env, variable: string) => parseKeyList(keys.env[holder][variable]!, variable);

  it('give each service only its own: no private key outside its holder', () => {
    expect(Object.keys(keys.env.gateway).sort()).toEqual([
      'GATEWAY_ALERTS_SEALING_KEYS',
      'GATEWAY_ALERTS_SEALING_KEY_ID',
      'GATEWAY_OPENING_KEYS',
      'GATEWAY_PRINCIPAL_SIGNING_KEYS',
      'GATEWAY_PRINCIPAL_SIGNING_KEY_ID',
    ]);
    expect(Object.keys(keys.env.alerts).sort()).toEqual(['ALERTS_OPENING_KEYS', 'CPX_GATEWAY_SEALING_KEYS', 'CPX_GATEWAY_SEALING_KEY_ID', 'CPX_PRINCIPAL_VERIFY_KEYS']);
    expect(Object.keys(keys.env.feeds).sort()).toEqual(['CPX_GATEWAY_SEALING_KEYS', 'CPX_GATEWAY_SEALING_KEY_ID', 'CPX_PRINCIPAL_VERIFY_KEYS']);
    expect(Object.keys(keys.env.directory)).toEqual(['CPX_PRINCIPAL_VERIFY_KEYS']);
  });

  it('pair up: what the gateway signs the services verify, what is sealed to a holder it opens', async () => {
    const binding = { operation: 'cpx.directory.v1.GetAgency', payload: Buffer.from([1]), deadline: Date.now() + 5_000, correlationId: 'c-1', replyTopic: 'r', replyPartition: '0' };
    const headers = {
      ...new PrincipalSigner(list('gateway', 'GATEWAY_PRINCIPAL_SIGNING_KEYS'), 'run-1').sign({ subject: 'u-1', roles: [] }, binding),
      kafka_correlationId: 'c-1',
      kafka_replyTopic: 'r',
      kafka_replyPartition: '0',
    };
    for (const holder of ['directory', 'alerts', 'feeds'] as const) {
      expect(new PrincipalVerifier(list(holder, 'CPX_PRINCIPAL_VERIFY_KEYS')).verify(headers, binding).principal.subject).toBe('u-1');
    }
    const context = revealIdentityContext('a-1');
    const toAlerts = await (await PayloadSealer.create(list('gateway', 'GATEWAY_ALERTS_SEALING_KEYS'), 'run-1', 'x')).seal(ChildIdentitySchema, { givenNames: ['Ana'] }, context);
    expect((await (await PayloadOpener.create(list('alerts', 'ALERTS_OPENING_KEYS'), 'x')).open(ChildIdentitySchema, toAlerts, context, 'child')).givenNames).toEqual(['Ana']);
    for (const holder of ['alerts', 'feeds'] as const) {
      const toGateway = await (await PayloadSealer.create(list(holder, 'CPX_GATEWAY_SEALING_KEYS'), 'run-1', 'x')).seal(ChildIdentitySchema, { givenNames: ['Ana'] }, context);
      expect((await (await PayloadOpener.create(list('gateway', 'GATEWAY_OPENING_KEYS'), 'x')).open(ChildIdentitySchema, toGateway, context, 'child')).givenNames).toEqual(['Ana']);
    }
  });
});
