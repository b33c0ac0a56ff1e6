/**
 * For unit specs of the Kafka handlers: calls a @HandleRequest method as the transport
 * does (signed principal in, reply envelope out), so a spec sees exactly what a caller
 * would: the response, or the coded failure (and an INTERNAL one when a check is missing).
 */
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { decodeReply, type Principal } from '@cpx/platform';
import { transportCall, type TransportContext } from '@cpx/testing';

type KafkaAdapter = (data: Buffer, kafka: TransportContext) => Promise<Buffer>;

export async function sendOverKafka<Req extends DescMessage, Res extends DescMessage, H extends object>(
  handler: H,
  method: keyof H & string,
  operation: RequestOperation<Req, Res>,
  request: MessageInitShape<Req>,
  principal: Principal,
): Promise<MessageShape<Res>> {
  const { payload, context } = transportCall(operation, request, principal);
  const adapter = handler[method] as unknown as KafkaAdapter;
  return decodeReply(operation.response, await adapter.call(handler, payload, context));
}
