import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ContactReasonEnum, type ContactReasonName } from './directory.enums';
import { ProfessionalObject } from './professional.type';

@ObjectType('ContactCandidate', { description: 'One answer to "whom do I contact?".' })
export class ContactCandidateObject {
  @Field(() => ProfessionalObject)
  professional!: ProfessionalObject;

  @Field(() => ContactReasonEnum)
  reason!: ContactReasonName;

  @Field(() => Date, { nullable: true, description: 'When the on-duty shift ends; set only for ON_DUTY.' })
  shiftEndsAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The on-duty shift, which an admin may end (endOnDuty); set only for ON_DUTY.' })
  shiftId!: string | null;
}
