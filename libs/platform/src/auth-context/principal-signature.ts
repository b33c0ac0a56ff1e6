/**
 * Signs and verifies the principal that travels with each Kafka request.
 *
 * Why a signature: Kafka is internal, but "internal" is not a security boundary. A
 * service must not trust a header anyone with produce rights could forge, so the
 * gateway signs the principal with its Ed25519 key, and the services verify it with the
 * gateway's public keys: a service holds no key that signs, so no service (and nobody who
 * took one) can speak as a user. The signature binds the principal to the operation (its
 * full name, not only the topic, which a service's operations share), the exact payload
 * bytes, a short deadline, and where the reply goes (reply topic and partition) under
 * which correlation id: a captured request cannot be moved onto another payload or
 * operation, have its answer sent elsewhere, or be used after it expires. Within its
 * deadline a service answers each correlation id once (RequestLedger).
 *
 * Keys rotate by id: the signature header names the key id (`<key id>.<signature>`); the
 * gateway signs with its active key, services verify with any key they list (ADR 0009).
 */
import { hash, sign, verify, type KeyObject } from 'node:crypto';
import { DomainError } from '../errors/domain-error';
import { activeKey } from '../crypto/key-list';
import { privateKeyObject, publicKeyObject } from '../crypto/key-pairs';
import { isRole, Principal } from './principal';

export const PRINCIPAL_HEADER = 'cpx-principal';
export const PRINCIPAL_SIGNATURE_HEADER = 'cpx-principal-signature';
export const DEADLINE_HEADER = 'cpx-deadline';
/** Nest's Kafka transport headers for reply routing, covered by the signature. */
export const CORRELATION_ID_HEADER = 'kafka_correlationId';
export const REPLY_TOPIC_HEADER = 'kafka_replyTopic';
export const REPLY_PARTITION_HEADER = 'kafka_replyPartition';

/** No gateway waits longer than this (CPX_REQUEST_TIMEOUT_MS is at most 60 s); a later deadline is refused. */
export const MAX_DEADLINE_AHEAD_MS = 120_000;

export interface SignedPrincipalHeaders {
  [PRINCIPAL_HEADER]: string;
  [PRINCIPAL_SIGNATURE_HEADER]: string;
  [DEADLINE_HEADER]: string;
}

/** What a signature covers besides the principal. */
export interface RequestBinding {
  operation: string;
  payload: Uint8Array;
  deadline: number;
  correlationId: string;
  replyTopic: string;
  replyPartition: string;
}

/** The gateway's signing key: the active one of GATEWAY_PRINCIPAL_SIGNING_KEYS. */
export class PrincipalSigner {
  private readonly keyId: string;
  private readonly key: KeyObject;

  constructor(seeds: Map<string, Buffer>, activeId: string, variable = 'GATEWAY_PRINCIPAL_SIGNING_KEYS') {
    const active = activeKey(seeds, activeId, variable);
    this.keyId = checkedKeyId(active.id);
    this.key = privateKeyObject('ed25519', active.key);
  }

  sign(principal: Principal, binding: RequestBinding): SignedPrincipalHeaders {
    const encoded = Buffer.from(JSON.stringify(principal), 'utf8').toString('base64url');
    const deadline = String(binding.deadline);
    const signature = sign(null, signedBytes(this.keyId, binding, encoded, deadline), this.key).toString('base64url');
    return {
      [PRINCIPAL_HEADER]: encoded,
      [PRINCIPAL_SIGNATURE_HEADER]: `${this.keyId}.${signature}`,
      [DEADLINE_HEADER]: deadline,
    };
  }
}

/** The services' side: the gateway's public keys (CPX_PRINCIPAL_VERIFY_KEYS), any of which verifies. */
export class PrincipalVerifier {
  private readonly keys = new Map<string, KeyObject>();

  constructor(publicKeys: Map<string, Buffer>) {
    for (const [id, key] of publicKeys) this.keys.set(checkedKeyId(id), publicKeyObject('ed25519', key));
  }

  /**
   * Returns the principal and deadline when the headers are authentic for this payload and
   * operation and not expired; throws UNAUTHENTICATED otherwise. `now` is injectable for tests.
   */
  verify(headers: Record<string, unknown>, binding: { operation: string; payload: Uint8Array }, now: number = Date.now()): { principal: Principal; deadline: number } {
    const encoded = headerString(headers[PRINCIPAL_HEADER]);
    const signed = headerString(headers[PRINCIPAL_SIGNATURE_HEADER]);
    const deadline = headerString(headers[DEADLINE_HEADER]);
    const correlationId = headerString(headers[CORRELATION_ID_HEADER]);
    const replyTopic = headerString(headers[REPLY_TOPIC_HEADER]);
    const replyPartition = headerString(headers[REPLY_PARTITION_HEADER]);
    if (!encoded || !signed || !deadline || !correlationId || !replyTopic || replyPartition === undefined) {
      throw DomainError.unauthenticated('The request carries no signed principal.');
    }
    const dot = signed.indexOf('.');
    const key = dot > 0 ? this.keys.get(signed.slice(0, dot)) : undefined;
    if (!key) throw DomainError.unauthenticated('The principal is signed with a key this service does not trust.');
    const bytes = signedBytes(signed.slice(0, dot), { ...binding, correlationId, replyTopic, replyPartition }, encoded, deadline);
    if (!verify(null, bytes, key, Buffer.from(signed.slice(dot + 1), 'base64url'))) {
      throw DomainError.unauthenticated('The principal signature does not verify.');
    }
    const expiry = Number(deadline);
    if (!(expiry > now)) throw DomainError.unauthenticated('The signed principal has expired.');
    if (expiry > now + MAX_DEADLINE_AHEAD_MS) throw DomainError.unauthenticated('The signed principal\'s deadline is too far ahead.');
    return { principal: parsePrincipal(encoded), deadline: expiry };
  }
}

/** One field per line, each without a line break, so no field can be stretched into the next. */
function signedBytes(keyId: string, binding: Omit<RequestBinding, 'deadline'>, encoded: string, deadline: string): Buffer {
  const fields = [
    'cpx-principal-v2',
    keyId,
    binding.operation,
    hash('sha256', binding.payload, 'base64url'),
    encoded,
    deadline,
    binding.replyTopic,
    binding.replyPartition,
    binding.correlationId,
  ];
  if (fields.some((field) => field.includes('\n'))) throw DomainError.unauthenticated('A signed field holds a line break.');
  return Buffer.from(fields.join('\n'), 'utf8');
}

function checkedKeyId(id: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`A principal key id must be letters, digits, _ or -: "${id}".`);
  return id;
}

function parsePrincipal(encoded: string): Principal {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    throw DomainError.unauthenticated('The principal is not readable.');
  }
  const value = raw as Partial<Record<keyof Principal, unknown>>;
  if (typeof value.subject !== 'string' || !Array.isArray(value.roles) || !value.roles.every(isRole)) {
    throw DomainError.unauthenticated('The principal is malformed.');
  }
  return {
    subject: value.subject,
    roles: value.roles,
    country: typeof value.country === 'string' ? value.country : undefined,
    agencyId: typeof value.agencyId === 'string' ? value.agencyId : undefined,
    partnerId: typeof value.partnerId === 'string' ? value.partnerId : undefined,
  };
}

function headerString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}
