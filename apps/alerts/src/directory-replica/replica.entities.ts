/**
 * The alerts service's own copy of the directory data it routes with, fed by directory
 * events. Routing never calls the directory synchronously: an alert must go out even if
 * the directory service is down at that moment.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'replica_agency' })
export class ReplicaAgency {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ type: 'bigint', name: 'source_version', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sourceVersion!: number;
}

@Entity({ name: 'replica_professional' })
export class ReplicaProfessional {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'bigint', name: 'source_version', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sourceVersion!: number;
}

@Entity({ name: 'replica_focal_point' })
export class ReplicaFocalPoint {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'text', name: 'alert_kind' }) alertKind!: string;
  @Column({ type: 'uuid', name: 'professional_id' }) professionalId!: string;
}

@Entity({ name: 'replica_on_duty_shift' })
export class ReplicaOnDutyShift {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', name: 'professional_id' }) professionalId!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'text', name: 'alert_kind' }) alertKind!: string;
  @Column({ type: 'timestamptz', name: 'starts_at' }) startsAt!: Date;
  @Column({ type: 'timestamptz', name: 'ends_at' }) endsAt!: Date;
}
