/**
 * For unit specs of a service's Kafka handlers: calls a @HandleRequest method as the
 * transport does (signed principal in, reply envelope out), so a spec sees exactly what
 * goes on the reply topic: the envelope's bytes, and the response or coded failure decoded
 * from them (an INTERNAL one when a check is missing).
 */
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { decodeReply, type Principal } from '@cpx/platform';
import { transportCall, type TransportContext } from './transport-call';

type KafkaAdapter = (data: Buffer, kafka: TransportContext) => Promise<Buffer>;

export async function sendOverKafka<Req extends DescMessage, Res extends DescMessage, H extends object>(
  handler: H,
  method: keyof H & string,
  operation: RequestOperation<Req, Res>,
  request: MessageInitShape<Req>,
  principal: Principal,
): Promise<{ wire: Buffer; response: MessageShape<Res> }> {
  const { payload, context } = transportCall(operation, request, principal);
  const adapter = handler[method] as unknown as KafkaAdapter;
  const wire = await adapter.call(handler, payload, context);
  return { wire, response: decodeReply(operation.response, wire) };
}
