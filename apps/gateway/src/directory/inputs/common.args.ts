import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { IsEntityId, IsVersion } from '../../graphql/field-rules';

@ArgsType()
export class IdArgs {
  @Field(() => ID)
  @IsEntityId()
  id!: string;
}

/** A state change guarded by optimistic concurrency: refused with CONFLICT unless the version still matches. */
@ArgsType()
export class VersionedIdArgs extends IdArgs {
  @Field(() => Int, { nullable: true, description: 'The version you last saw; the change is refused with CONFLICT if it moved on.' })
  @IsVersion()
  expectedVersion?: number | null;
}
