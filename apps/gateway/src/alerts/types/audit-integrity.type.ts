/** What the auditor's integrity check of the audit log answers (`auditIntegrity`). */
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { AuditBreakReason } from '@cpx/contracts';
import type { PublicName, PublicValues } from '../../graphql/public-enums';


export const AuditBreakReasonEnum: PublicValues<typeof AuditBreakReason> = {
  ALTERED: 'ALTERED',
  SEQUENCE_GAP: 'SEQUENCE_GAP',
  GLOBAL_LINK_BROKEN: 'GLOBAL_LINK_BROKEN',
  ALERT_LINK_BROKEN: 'ALERT_LINK_BROKEN',
  HEAD_MISMATCH: 'HEAD_MISMATCH',
  ANCHOR_MISMATCH: 'ANCHOR_MISMATCH',
};
export type AuditBreakReasonName = PublicName<typeof AuditBreakReason>;

registerEnumType(AuditBreakReasonEnum, {
  name: 'AuditBreakReason',
  description: 'Why an audit entry breaks the chain.',
  valuesMap: {
    ALTERED: { description: 'Its hash is not the hash of its contents: a field was changed.' },
    SEQUENCE_GAP: { description: 'Its sequence number does not follow the entry before it: entries were deleted or moved.' },
    GLOBAL_LINK_BROKEN: { description: 'It does not hold the hash of the entry before it in the log.' },
    ALERT_LINK_BROKEN: { description: "It does not hold the hash of its alert's entry before it." },
    HEAD_MISMATCH: { description: 'The log ends before the last entry the chain head names: its last entries were deleted.' },
    ANCHOR_MISMATCH: { description: 'The entry of the head you kept from an earlier check (fromSeq, fromHash) is gone or not as it was: the log was rewritten.' },
  },
});

@ObjectType('AuditBreak', { description: 'The first audit entry found broken, in log order.' })
export class AuditBreakObject {
  @Field({ description: "The entry's sequence number in the log (a decimal integer)." })
  seq!: string;

  @Field(() => ID, { nullable: true, description: 'The alert it is about; null for entries about no single alert.' })
  alertId!: string | null;

  @Field(() => AuditBreakReasonEnum)
  reason!: AuditBreakReasonName;
}

@ObjectType('AuditIntegrity', {
  description:
    'The audit log checked: every entry re-hashed, the chain across the log and each alert’s chain followed. ok, or the first entry found broken.',
})
export class AuditIntegrityObject {
  @Field()
  ok!: boolean;

  @Field(() => Int, { description: 'Entries looked at, up to and including the first broken one.' })
  checkedEntries!: number;

  @Field(() => AuditBreakObject, { nullable: true })
  firstBreak!: AuditBreakObject | null;

  @Field({ description: 'The sequence number of the last entry, as the chain head names it, that the log was checked against.' })
  headSeq!: string;

  @Field({
    description:
      'The hash of that entry, in hex. Keep it with headSeq: at a later check, an entry with that number and hash must still be in the log; a log rewritten from an earlier entry would not hold it.',
  })
  headHash!: string;
}
