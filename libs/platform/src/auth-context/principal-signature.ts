/**
 * Signs and verifies the principal that travels with each Kafka request.
 *
 * Why a signature: Kafka is internal, but "internal" is not a security boundary. A
 * service must not trust a header anyone with produce rights could forge, so the
 * gateway signs the principal with an HMAC key the services share, binding it to the
 * operation (its full name, not only the topic, which a service's operations share), the exact
 * payload bytes and a short expiry. A captured header cannot be
 * replayed onto another request or used after it expires.
 */
import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';
import { DomainError } from '../errors/domain-error';
import { isRole, Principal } from './principal';

export const PRINCIPAL_HEADER = 'cpx-principal';
export const PRINCIPAL_SIGNATURE_HEADER = 'cpx-principal-signature';
export const DEADLINE_HEADER = 'cpx-deadline';

export interface SignedPrincipalHeaders {
  [PRINCIPAL_HEADER]: string;
  [PRINCIPAL_SIGNATURE_HEADER]: string;
  [DEADLINE_HEADER]: string;
}

export function signPrincipal(
  principal: Principal,
  binding: { operation: string; payload: Uint8Array; deadline: number },
  key: string,
): SignedPrincipalHeaders {
  const encoded = Buffer.from(JSON.stringify(principal), 'utf8').toString('base64url');
  const deadline = String(binding.deadline);
  return {
    [PRINCIPAL_HEADER]: encoded,
    [PRINCIPAL_SIGNATURE_HEADER]: mac(key, binding.operation, binding.payload, encoded, deadline),
    [DEADLINE_HEADER]: deadline,
  };
}

/**
 * Returns the principal when the headers are authentic and not expired; throws
 * UNAUTHENTICATED otherwise. `now` is injectable for tests.
 */
export function verifyPrincipal(
  headers: Record<string, unknown>,
  binding: { operation: string; payload: Uint8Array },
  key: string,
  now: number = Date.now(),
): Principal {
  const encoded = headerString(headers[PRINCIPAL_HEADER]);
  const signature = headerString(headers[PRINCIPAL_SIGNATURE_HEADER]);
  const deadline = headerString(headers[DEADLINE_HEADER]);
  if (!encoded || !signature || !deadline) {
    throw DomainError.unauthenticated('The request carries no signed principal.');
  }
  const expected = Buffer.from(mac(key, binding.operation, binding.payload, encoded, deadline));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw DomainError.unauthenticated('The principal signature does not verify.');
  }
  if (!(Number(deadline) > now)) {
    throw DomainError.unauthenticated('The signed principal has expired.');
  }
  return parsePrincipal(encoded);
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

function mac(key: string, operation: string, payload: Uint8Array, encoded: string, deadline: string): string {
  const payloadDigest = hash('sha256', payload, 'base64url');
  return createHmac('sha256', keyObject(key))
    .update(`${operation}\n${payloadDigest}\n${encoded}\n${deadline}`)
    .digest('base64url');
}

// A process signs and verifies with one key: its KeyObject is made once, not per message.
let lastKey: { raw: string; object: KeyObject } | undefined;

function keyObject(raw: string): KeyObject {
  if (lastKey?.raw !== raw) lastKey = { raw, object: createSecretKey(Buffer.from(raw, 'utf8')) };
  return lastKey.object;
}

function headerString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}
