/**
 * The tests' way to speak as the gateway: they sign principals, seal a child's record to
 * the alerts service and open what is sealed back, with the gateway's keys of their own
 * run (newLocalKeys in @cpx/stack, made afresh each run, never written down). Services
 * under test trust these keys because the harness configures them so, exactly as a
 * deployment configures its gateway's public keys: no service has a test-only door.
 */
import { parseKeyList, PayloadOpener, PayloadSealer, PrincipalSigner } from '@cpx/platform';
import type { LocalKeys } from '@cpx/stack';

export interface GatewayKeys {
  signer: PrincipalSigner;
  /** Seals to the alerts service (a child's record on its way in). */
  sealerToAlerts: PayloadSealer;
  /** Opens what is sealed to the gateway (a revealed identity, a new webhook secret). */
  opener: PayloadOpener;
}

export async function gatewayKeysOf(keys: LocalKeys): Promise<GatewayKeys> {
  const env = keys.env.gateway;
  return {
    signer: new PrincipalSigner(parseKeyList(env['GATEWAY_PRINCIPAL_SIGNING_KEYS']!, 'GATEWAY_PRINCIPAL_SIGNING_KEYS'), keys.keyId),
    sealerToAlerts: await PayloadSealer.create(parseKeyList(env['GATEWAY_ALERTS_SEALING_KEYS']!, 'GATEWAY_ALERTS_SEALING_KEYS'), keys.keyId, 'GATEWAY_ALERTS_SEALING_KEYS'),
    opener: await PayloadOpener.create(parseKeyList(env['GATEWAY_OPENING_KEYS']!, 'GATEWAY_OPENING_KEYS'), 'GATEWAY_OPENING_KEYS'),
  };
}
