/** The decoded request of a directory operation, as a handler receives it and a command is built from it. */
import type { MessageShape } from '@bufbuild/protobuf';
import type { DirectoryRequests } from '@cpx/contracts';

export type DirectoryRequest<K extends keyof typeof DirectoryRequests> = MessageShape<(typeof DirectoryRequests)[K]['request']>;
