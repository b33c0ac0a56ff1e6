/**
 * For unit specs of the Kafka handlers: calls a @HandleRequest method as the transport
 * does (signed principal in, reply envelope out), so a spec sees exactly what goes on the
 * reply topic: the envelope's bytes, and the response decoded from them.
 */
import { randomBytes } from 'node:crypto';
import { create, toBinary, type DescMessage, type MessageInitShape, type MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { configureRequestHandling, decodeReply, signPrincipal, type Principal } from '@cpx/platform';

const SIGNING_KEY = randomBytes(32).toString('base64');

type KafkaAdapter = (data: Buffer, kafka: { getMessage: () => { headers: object } }) => Promise<Buffer>;

export async function sendOverKafka<Req extends DescMessage, Res extends DescMessage, H extends object>(
  handler: H,
  method: keyof H & string,
  operation: RequestOperation<Req, Res>,
  request: MessageInitShape<Req>,
  principal: Principal,
): Promise<{ wire: Buffer; response: MessageShape<Res> }> {
  configureRequestHandling({ principalSigningKey: SIGNING_KEY });
  const payload = toBinary(operation.request, create(operation.request, request));
  const headers = signPrincipal(principal, { operation: operation.name, payload, deadline: Date.now() + 10_000 }, SIGNING_KEY);
  const adapter = handler[method] as unknown as KafkaAdapter;
  const wire = await adapter.call(handler, Buffer.from(payload), { getMessage: () => ({ headers }) });
  return { wire, response: decodeReply(operation.response, wire) };
}
