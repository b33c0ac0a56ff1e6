/**
 * For unit specs of Kafka handlers: a request as the transport hands it to a
 * `@HandleRequest` adapter, signed as the gateway signs it (with a key of this test
 * process, which request handling is configured to trust), under a fresh correlation id
 * at its own position, so the replay ledger sees each call as a new request.
 */
import { randomUUID } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { configureRequestHandling, parseKeyList, PrincipalSigner, type Principal } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';

const keys = newLocalKeys('unit-1');
const signer = new PrincipalSigner(parseKeyList(keys.env.gateway['GATEWAY_PRINCIPAL_SIGNING_KEYS']!, 'GATEWAY_PRINCIPAL_SIGNING_KEYS'), keys.keyId);
let offset = 0;

export interface TransportContext {
  getTopic(): string;
  getPartition(): number;
  getMessage(): { offset: string; headers: Record<string, string> };
}

/** The payload and context the transport would pass; `headers` may be altered to test the checks. */
export function transportCall<Req extends DescMessage, Res extends DescMessage>(
  operation: RequestOperation<Req, Res>,
  request: MessageInitShape<Req>,
  principal: Principal,
): { payload: Buffer; context: TransportContext; headers: Record<string, string> } {
  configureRequestHandling({ principalVerifyKeys: parseKeyList(keys.env.directory['CPX_PRINCIPAL_VERIFY_KEYS']!, 'CPX_PRINCIPAL_VERIFY_KEYS') });
  const payload = Buffer.from(toBinary(operation.request, create(operation.request, request)));
  const routing = { correlationId: randomUUID(), replyTopic: 'cpx.tools.v1.replies', replyPartition: '0' };
  const signed = signer.sign(principal, { operation: operation.name, payload, deadline: Date.now() + 10_000, ...routing });
  const headers: Record<string, string> = {
    ...signed,
    kafka_correlationId: routing.correlationId,
    kafka_replyTopic: routing.replyTopic,
    kafka_replyPartition: routing.replyPartition,
  };
  const message = { offset: String(offset++), headers };
  return { payload, headers, context: { getTopic: () => operation.topic, getPartition: () => 0, getMessage: () => message } };
}
