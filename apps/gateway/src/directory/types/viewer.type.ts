import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { Role } from '@cpx/platform';
import { ProfessionalObject } from './professional.type';

/** The platform roles as GraphQL spells enum values; the keys are checked against ROLES. */
export const RoleEnum: { readonly [R in Role as Uppercase<R>]: Uppercase<R> } = {
  PROFESSIONAL: 'PROFESSIONAL',
  AGENCY_ADMIN: 'AGENCY_ADMIN',
  CURATOR: 'CURATOR',
  PARTNER: 'PARTNER',
  PLATFORM_ADMIN: 'PLATFORM_ADMIN',
  AUDITOR: 'AUDITOR',
};
export type RoleName = keyof typeof RoleEnum;

registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('Viewer', { description: 'Who is asking: as the access token says, and as the directory knows them.' })
export class ViewerObject {
  @Field({ description: 'The OpenID Connect subject (`sub`).' })
  subject!: string;

  @Field(() => [RoleEnum])
  roles!: RoleName[];

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 code of the user's country." })
  country!: string | null;

  @Field(() => ID, { nullable: true, description: "Directory id of the user's agency." })
  agencyId!: string | null;

  @Field(() => String, { nullable: true, description: 'Partner organisation id, for partner users.' })
  partnerId!: string | null;

  @Field(() => ProfessionalObject, {
    nullable: true,
    description: 'Your own record in the directory (its status: invited, verified), for professionals and agency admins; null when you have none.',
  })
  professional!: ProfessionalObject | null;
}
