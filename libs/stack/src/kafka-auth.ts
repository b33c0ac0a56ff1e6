// How clients authenticate to the stack's Kafka: TLS trusting one CA, then SCRAM-SHA-512
// as one principal per application (@cpx/contracts KAFKA_PRINCIPALS). The local broker
// makes its credentials on first start and keeps them with its instance; an external
// cluster (KAFKA_BROKERS) gets them from the environment:
//   KAFKA_TLS=true, KAFKA_TLS_CA_FILE=<PEM>        TLS, and the CA to trust (else the system's)
//   CPX_KAFKA_PRINCIPALS_FILE=<JSON>               {"directory": {"username": ..., "password": ...}, ...}
// With none of them an external cluster is used as before: plaintext, no user, no ACLs.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { KafkaConfig } from 'kafkajs';
import { KAFKA_PRINCIPALS, kafkaUserName, type KafkaPrincipal } from '@cpx/contracts';

export interface KafkaCredentials {
  username: string;
  password: string;
}

export interface KafkaAuth {
  tls: boolean;
  /** The CA file clients trust (PEM); unset: the system's CAs. */
  caFile?: string;
  /** The principals this stack knows the credentials of. */
  credentials: Partial<Record<KafkaPrincipal, KafkaCredentials>>;
  /** The file they are kept in (the CPX_KAFKA_PRINCIPALS_FILE format), for another process. */
  principalsFile?: string;
}

/** What a kafkajs client needs besides `brokers` and `clientId`, as one principal. */
export type KafkaClientSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

export function clientSecurity(auth: KafkaAuth | undefined, principal: KafkaPrincipal): KafkaClientSecurity {
  if (!auth) return {};
  const credentials = auth.credentials[principal];
  return {
    ...(auth.tls ? { ssl: auth.caFile ? { ca: [readFileSync(auth.caFile, 'utf8')] } : true } : {}),
    ...(credentials ? { sasl: { mechanism: 'scram-sha-512' as const, username: credentials.username, password: credentials.password } } : {}),
  };
}

/** The variables a service process reads its Kafka security from (PlatformConfig). */
export function serviceKafkaEnv(auth: KafkaAuth | undefined, principal: KafkaPrincipal): Record<string, string> {
  if (!auth) return {};
  const credentials = auth.credentials[principal];
  return {
    KAFKA_TLS: String(auth.tls),
    ...(auth.caFile ? { KAFKA_TLS_CA_FILE: auth.caFile } : {}),
    ...(credentials ? { KAFKA_SASL_USERNAME: credentials.username, KAFKA_SASL_PASSWORD: credentials.password } : {}),
  };
}

/** The local broker's users: every principal, and the broker's own (inter-broker). */
export type LocalKafkaUsers = Record<KafkaPrincipal | 'broker', KafkaCredentials>;

/**
 * An instance's SCRAM users, made once with random passwords and kept (owner-readable
 * only) beside its data, so that they outlive restarts; a principal added to the
 * platform later gets one on the next start.
 */
export async function ensureLocalUsers(file: string): Promise<LocalKafkaUsers> {
  const kept = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<LocalKafkaUsers>) : {};
  const users = Object.fromEntries(
    [...KAFKA_PRINCIPALS, 'broker' as const].map((principal) => [
      principal,
      kept[principal] ?? { username: principal === 'broker' ? 'cpx-broker' : kafkaUserName(principal), password: randomBytes(24).toString('base64url') },
    ]),
  ) as LocalKafkaUsers;
  if (JSON.stringify(users) !== JSON.stringify(kept)) await writeFile(file, `${JSON.stringify(users, null, 2)}\n`, { mode: 0o600 });
  return users;
}

/** An external cluster's security, from the environment (see the top of this file). */
export function kafkaAuthFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaAuth | undefined {
  const tls = env.KAFKA_TLS === 'true';
  const principalsFile = env.CPX_KAFKA_PRINCIPALS_FILE?.trim();
  if (!tls && !principalsFile) return undefined;
  const credentials = principalsFile ? (JSON.parse(readFileSync(principalsFile, 'utf8')) as KafkaAuth['credentials']) : {};
  const caFile = env.KAFKA_TLS_CA_FILE?.trim();
  return { tls, ...(caFile ? { caFile } : {}), credentials, ...(principalsFile ? { principalsFile } : {}) };
}
