/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the event's attributes
 * travel as `ce_*` headers and the record value is the protobuf payload itself. This is
 * a public contract (PRODUCT.md, "Wire conventions"): partners decode it with proto/.
 */
import type { IHeaders } from 'kafkajs';

export const CONTENT_TYPE_PROTOBUF = 'application/protobuf';

export interface CloudEventAttributes {
  id: string;
  /** URI-reference of the producing service, e.g. `/cpx/directory`. */
  source: string;
  /** Fully-qualified protobuf message name, e.g. `cpx.directory.v1.AgencyRegistered`. */
  type: string;
  time: Date;
  /** What the event is about, e.g. `agencies/<id>`. */
  subject: string;
}

export function cloudEventHeaders(attributes: CloudEventAttributes): IHeaders {
  return {
    ce_specversion: '1.0',
    ce_id: attributes.id,
    ce_source: attributes.source,
    ce_type: attributes.type,
    ce_time: attributes.time.toISOString(),
    ce_subject: attributes.subject,
    'content-type': CONTENT_TYPE_PROTOBUF,
  };
}

/** Reads the attributes back; returns undefined for a record that is not a CloudEvent. */
export function readCloudEvent(headers: Record<string, unknown> | undefined): CloudEventAttributes | undefined {
  if (!headers) return undefined;
  const get = (name: string): string | undefined => {
    const value = headers[name];
    if (typeof value === 'string') return value;
    if (Buffer.isBuffer(value)) return value.toString('utf8');
    return undefined;
  };
  const id = get('ce_id');
  const source = get('ce_source');
  const type = get('ce_type');
  if (get('ce_specversion') !== '1.0' || !id || !source || !type) return undefined;
  const time = get('ce_time');
  return { id, source, type, time: time ? new Date(time) : new Date(0), subject: get('ce_subject') ?? '' };
}
