/**
 * The child's identity between GraphQL and protobuf. The photo is bytes on the wire and
 * base64 in GraphQL; proto3's empty values (no date of birth, no photo) are nulls here.
 */
import type { MessageInitShape } from '@bufbuild/protobuf';
import { Sex, type ChildIdentity, type ChildIdentitySchema } from '@cpx/contracts';
import { enumName, enumValue, optionalDateOf, textOrNull, timestampOf } from '../../graphql/proto-values';
import type { ChildIdentityInput } from '../inputs/post-alert.input';
import type { ChildIdentityObject } from '../types/child-identity.type';

export function childIdentityToProto(input: ChildIdentityInput): MessageInitShape<typeof ChildIdentitySchema> {
  return {
    givenNames: input.givenNames,
    familyNames: input.familyNames,
    aliases: input.aliases,
    sex: enumValue(Sex, input.sex),
    dateOfBirth: input.dateOfBirth ?? '',
    estimatedAge: input.estimatedAge ? { minYears: input.estimatedAge.minYears, maxYears: input.estimatedAge.maxYears } : undefined,
    nationalities: input.nationalities,
    languages: input.languages,
    distinguishingFeatures: input.distinguishingFeatures ?? '',
    lastKnownPlace: input.lastKnownPlace ?? '',
    lastKnownAt: input.lastKnownAt ? timestampOf(input.lastKnownAt) : undefined,
    photo: input.photo ? new Uint8Array(Buffer.from(input.photo, 'base64')) : new Uint8Array(0),
    photoContentType: input.photo ? (input.photoContentType ?? '') : '',
  };
}

export function toChildIdentity(child: ChildIdentity): ChildIdentityObject {
  const hasPhoto = child.photo.length > 0;
  return {
    givenNames: child.givenNames,
    familyNames: child.familyNames,
    aliases: child.aliases,
    sex: enumName(Sex, child.sex),
    dateOfBirth: textOrNull(child.dateOfBirth),
    estimatedAge: child.estimatedAge ? { minYears: child.estimatedAge.minYears, maxYears: child.estimatedAge.maxYears } : null,
    nationalities: child.nationalities,
    languages: child.languages,
    distinguishingFeatures: textOrNull(child.distinguishingFeatures),
    lastKnownPlace: textOrNull(child.lastKnownPlace),
    lastKnownAt: optionalDateOf(child.lastKnownAt),
    photo: hasPhoto ? Buffer.from(child.photo).toString('base64') : null,
    photoContentType: hasPhoto ? textOrNull(child.photoContentType) : null,
  };
}
