import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  AgencyType,
  type Agency,
  type AgencyFilterSchema,
  type AgencySummary,
  type RegisterAgencyRequestSchema,
  type UpdateAgencyRequestSchema,
} from '@cpx/contracts';
import type { AgencyFilterInput, RegisterAgencyInput, UpdateAgencyInput } from '../inputs/agency.input';
import type { AgencyObject, AgencySummaryObject } from '../types/agency.type';
import { contactToProto, toContact } from './contact.mapper';
import { dateOf, enumValue, optionalVersion, requiredEnumName, textOrNull } from '../../graphql/proto-values';

export function toAgency(agency: Agency): AgencyObject {
  return {
    id: agency.id,
    name: agency.name,
    type: requiredEnumName(AgencyType, agency.type, 'agency.type'),
    country: agency.country,
    locality: textOrNull(agency.locality),
    jurisdiction: textOrNull(agency.jurisdiction),
    languages: agency.languages,
    contacts: agency.contacts.map(toContact),
    createdAt: dateOf(agency.createdAt, 'agency.created_at'),
    updatedAt: dateOf(agency.updatedAt, 'agency.updated_at'),
    version: Number(agency.version),
  };
}

export function toAgencySummary(summary: AgencySummary): AgencySummaryObject {
  return { name: summary.name, type: requiredEnumName(AgencyType, summary.type, 'agency.type'), country: summary.country };
}

export function registerAgencyRequest(input: RegisterAgencyInput): MessageInitShape<typeof RegisterAgencyRequestSchema> {
  return {
    name: input.name,
    type: enumValue(AgencyType, input.type),
    country: input.country,
    locality: input.locality ?? '',
    jurisdiction: input.jurisdiction ?? '',
    languages: input.languages,
    contacts: input.contacts.map(contactToProto),
  };
}

/** Absent and null both mean "leave unchanged"; a list that is set replaces the whole list. */
export function updateAgencyRequest(id: string, input: UpdateAgencyInput): MessageInitShape<typeof UpdateAgencyRequestSchema> {
  return {
    id,
    name: input.name ?? undefined,
    type: input.type ? enumValue(AgencyType, input.type) : undefined,
    country: input.country ?? undefined,
    locality: input.locality ?? undefined,
    jurisdiction: input.jurisdiction ?? undefined,
    languages: input.languages ? { languages: input.languages } : undefined,
    contacts: input.contacts ? { contacts: input.contacts.map(contactToProto) } : undefined,
    expectedVersion: optionalVersion(input.expectedVersion),
  };
}

export function agencyFilterToProto(filter: AgencyFilterInput | null | undefined): MessageInitShape<typeof AgencyFilterSchema> {
  return {
    country: filter?.country ?? '',
    type: enumValue(AgencyType, filter?.type),
    language: filter?.language ?? '',
    text: filter?.text ?? '',
  };
}
