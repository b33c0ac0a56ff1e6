/**
 * PostAlert's input: the post's fields, checked (post-alert.input.ts, child-record.ts),
 * and the child's record, opened from its seal by the handler, checked, normalised and
 * encoded again: what gets sealed at rest, and what a replay must repeat.
 */
import { create, toBinary, type MessageShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, ChildIdentitySchema, Sex, Urgency, type AlertsRequests, type ChildIdentity } from '@cpx/contracts';
import { assertPlainText } from '@cpx/platform';
import { enumName } from './alert.mapper';
import { checkChildRecord } from './child-record';
import { assertChildNotNamed } from './domain/child-not-named';
import { checkedPost, normalisedPost, type PostAlertInput } from './post-alert.input';

type Request = MessageShape<(typeof AlertsRequests)['postAlert']['request']>;

export class PostAlertCommand {
  /** The post, checked and normalised (normalisedPost). */
  input!: PostAlertInput;
  /**
   * The child's record as protobuf bytes, normalised: what gets sealed, and what a
   * replay must repeat with the rest of the post.
   */
  sealedPayload!: Uint8Array;

  /** `child`: the record the request sealed, as opened. */
  static from(request: Request, child: ChildIdentity, limits: { maxPhotoBytes: number; now: Date }): PostAlertCommand {
    // Sealed, the record passed the request's plain-text check unread.
    assertPlainText(child, 'input.child');
    // The API lets a caller leave sex out: not knowing it is what UNKNOWN says.
    const sex = child.sex === Sex.UNSPECIFIED ? Sex.UNKNOWN : child.sex;
    const lastKnownAt = child.lastKnownAt ? timestampDate(child.lastKnownAt) : undefined;
    // The contracts' one rule set for a post, the same code the gateway runs (@cpx/contracts alert-rules).
    // Checked, then normalised once, here: what is stored and what a replay is compared by.
    const input = normalisedPost(checkedPost({
      idempotencyKey: request.idempotencyKey,
      kind: enumName(AlertKind, request.kind, 'input.kind'),
      urgency: enumName(Urgency, request.urgency, 'input.urgency'),
      originCountry: request.originCountry,
      targetCountries: request.targetCountries,
      targetAgencyTypes: request.targetAgencyTypes.map((type, index) => enumName(AgencyType, type, `input.targetAgencyTypes.${index}`)),
      title: request.title,
      summary: request.summary,
      child: {
        givenNames: child.givenNames,
        familyNames: child.familyNames,
        aliases: child.aliases,
        sex: enumName(Sex, sex, 'input.child.sex'),
        dateOfBirth: child.dateOfBirth || undefined,
        estimatedAge: child.estimatedAge,
        nationalities: child.nationalities,
        languages: child.languages,
        distinguishingFeatures: child.distinguishingFeatures,
        lastKnownPlace: child.lastKnownPlace,
        photoContentType: child.photoContentType,
      },
    }, { lastKnownAt, photoBytes: child.photo.length }));
    assertChildNotNamed(
      [
        { field: 'input.title', text: input.title },
        { field: 'input.summary', text: input.summary },
      ],
      [...input.child.givenNames, ...input.child.familyNames, ...input.child.aliases],
    );
    checkChildRecord(
      {
        dateOfBirth: input.child.dateOfBirth,
        estimatedAge: input.child.estimatedAge,
        lastKnownAt,
        photo: child.photo,
        photoContentType: child.photoContentType,
      },
      limits.now,
      limits.maxPhotoBytes,
    );
    const sealedPayload = toBinary(
      ChildIdentitySchema,
      create(ChildIdentitySchema, {
        ...child,
        sex,
        givenNames: child.givenNames.map(nfc),
        familyNames: child.familyNames.map(nfc),
        aliases: child.aliases.map(nfc),
        distinguishingFeatures: nfc(child.distinguishingFeatures),
        lastKnownPlace: nfc(child.lastKnownPlace),
      }),
    );
    return Object.assign(new PostAlertCommand(), { input, sealedPayload });
  }
}

function nfc(value: string): string {
  return value.normalize('NFC').trim();
}
