/**
 * Stands in for RequestClient in the gateway's unit tests and schema tooling: each
 * operation answers with what the test says (a response, or a thrown DomainError), and
 * every call is recorded with the principal it carried.
 */
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { RequestOperation } from '@cpx/contracts';
import { DomainError, type Principal } from '@cpx/platform';

type Answer = (request: unknown, principal: Principal) => unknown;

export interface RecordedRequest {
  operation: string;
  request: unknown;
  principal: Principal;
}

export class FakeRequests {
  readonly calls: RecordedRequest[] = [];
  private readonly answers = new Map<string, Answer>();

  /** Answers `operation` with `answer(request, principal)`; throw from it to fail the call. */
  on<Req extends DescMessage, Res extends DescMessage>(
    operation: RequestOperation<Req, Res>,
    answer: (request: MessageInitShape<Req>, principal: Principal) => MessageInitShape<Res> | Promise<MessageInitShape<Res>>,
  ): this {
    this.answers.set(operation.name, answer as Answer);
    return this;
  }

  async connect(): Promise<void> {}

  async close(): Promise<void> {}

  async send<Req extends DescMessage, Res extends DescMessage>(
    operation: RequestOperation<Req, Res>,
    request: MessageInitShape<Req>,
    principal: Principal,
  ): Promise<MessageShape<Res>> {
    this.calls.push({ operation: operation.name, request, principal });
    const answer = this.answers.get(operation.name);
    if (!answer) throw DomainError.unavailable(`No fake answer for ${operation.name}.`);
    return (await answer(request, principal)) as MessageShape<Res>;
  }
}
