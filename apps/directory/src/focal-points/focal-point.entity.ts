import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A national focal point: who receives alerts of a kind for a country. */
@Entity({ name: 'focal_point' })
export class FocalPointEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  /** AlertKind name, or `ANY` for every kind. */
  @Column({ type: 'text', name: 'alert_kind' })
  alertKind!: string;

  @Column({ type: 'uuid', name: 'professional_id' })
  professionalId!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

/** An on-duty window: who answers for a country (and kind) between two instants. */
@Entity({ name: 'on_duty_shift' })
export class OnDutyShiftEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'professional_id' })
  professionalId!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'text', name: 'alert_kind' })
  alertKind!: string;

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt!: Date;

  @Column({ type: 'timestamptz', name: 'ends_at' })
  endsAt!: Date;
}
