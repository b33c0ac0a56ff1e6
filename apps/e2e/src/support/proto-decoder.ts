/**
 * Decodes a Kafka record the way a partner would: from the .proto files in proto/,
 * compiled by buf into descriptors at test time, without CPX's generated TypeScript.
 * If the generated code and the published contract ever disagreed, this would notice.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createFileRegistry, fromBinary, toJson, type JsonValue } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';

const root = path.join(__dirname, '..', '..', '..', '..');

export function protoRegistry() {
  const buf = path.join(root, 'node_modules', '.bin', 'buf');
  const image = execFileSync(buf, ['build', '--as-file-descriptor-set', '-o', '-#format=binpb'], { cwd: path.join(root, 'proto') });
  return createFileRegistry(fromBinary(FileDescriptorSetSchema, image));
}

export function decodeWithProto(registry: ReturnType<typeof protoRegistry>, typeName: string, bytes: Uint8Array): JsonValue {
  const schema = registry.getMessage(typeName);
  if (!schema) throw new Error(`${typeName} is not in proto/`);
  return toJson(schema, fromBinary(schema, bytes));
}
