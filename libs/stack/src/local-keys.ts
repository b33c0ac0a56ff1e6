/**
 * A fresh set of the platform's keys for one run (`npm start`, the e2e tests, the
 * benchmark, the int-spec harnesses), each service given only its own, as in
 * production (docs/adr/0009-keys-per-purpose.md):
 *   gateway    signs principals (Ed25519), opens what is sealed to it (X25519), seals to alerts
 *   alerts     verifies principals, opens a child's record sealed to it, seals to the gateway
 *   feeds      verifies principals, seals a new webhook secret to the gateway
 *   directory  verifies principals, as every other service does
 * These keys protect data in transit only (a request or reply lives 15 minutes), so a
 * new run gets new ones; the master keys that protect data at rest are kept (platform.ts).
 */
import { generateKeyPairSync } from 'node:crypto';
import { KAFKA_SERVICES, type KafkaService } from '@cpx/contracts';

/** The gateway and every service (@cpx/contracts SERVICE_ROLES): a new service verifies principals and holds nothing else. */
export type KeyHolder = 'gateway' | KafkaService;

export interface RawKeyPairBase64 {
  privateKey: string;
  publicKey: string;
}

export interface LocalKeys {
  /** The variables each service is started with. */
  env: Record<KeyHolder, Record<string, string>>;
  /** The key id every key of the set has. */
  keyId: string;
  gatewaySigning: RawKeyPairBase64;
  gatewaySealing: RawKeyPairBase64;
  alertsSealing: RawKeyPairBase64;
}

function pair(kind: 'ed25519' | 'x25519'): RawKeyPairBase64 {
  const jwk = generateKeyPairSync(kind as 'ed25519').privateKey.export({ format: 'jwk' });
  const base64 = (value: string | undefined) => Buffer.from(value!, 'base64url').toString('base64');
  return { privateKey: base64(jwk.d), publicKey: base64(jwk.x) };
}

export function newLocalKeys(keyId = 'local-1'): LocalKeys {
  const gatewaySigning = pair('ed25519');
  const gatewaySealing = pair('x25519');
  const alertsSealing = pair('x25519');
  const listed = (key: string) => `${keyId}:${key}`;
  const verify = { CPX_PRINCIPAL_VERIFY_KEYS: listed(gatewaySigning.publicKey) };
  const toGateway = { CPX_GATEWAY_SEALING_KEYS: listed(gatewaySealing.publicKey), CPX_GATEWAY_SEALING_KEY_ID: keyId };
  // Every service verifies the gateway's principals; the lines below add what some also hold.
  const everyService = {} as Record<KafkaService, Record<string, string>>;
  for (const service of KAFKA_SERVICES) everyService[service] = { ...verify };
  return {
    keyId,
    gatewaySigning,
    gatewaySealing,
    alertsSealing,
    env: {
      ...everyService,
      gateway: {
        GATEWAY_PRINCIPAL_SIGNING_KEYS: listed(gatewaySigning.privateKey),
        GATEWAY_PRINCIPAL_SIGNING_KEY_ID: keyId,
        GATEWAY_OPENING_KEYS: listed(gatewaySealing.privateKey),
        GATEWAY_ALERTS_SEALING_KEYS: listed(alertsSealing.publicKey),
        GATEWAY_ALERTS_SEALING_KEY_ID: keyId,
      },
      alerts: { ...verify, ...toGateway, ALERTS_OPENING_KEYS: listed(alertsSealing.privateKey) },
      feeds: { ...verify, ...toGateway },
    },
  };
}
