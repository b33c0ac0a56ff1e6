/**
 * The audit log's tables: the entries, append-only (a trigger refuses UPDATE, DELETE and
 * TRUNCATE; the runtime role holds neither privilege), and the chain head, one row that
 * every append locks so that appends from every instance make one chain. No entry holds
 * a child's identity: erasing it at retention touches nothing here.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'audit_entry' })
export class AuditEntryEntity {
  /** Postgres bigint arrives as a string. */
  @PrimaryColumn({ type: 'bigint' }) seq!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text', name: 'actor_subject' }) actorSubject!: string;
  @Column({ type: 'uuid', name: 'alert_id', nullable: true }) alertId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'jsonb' }) details!: Record<string, unknown>;
  @Column({ type: 'bytea', name: 'prev_hash_global' }) prevHashGlobal!: Buffer;
  @Column({ type: 'bytea', name: 'prev_hash_alert', nullable: true }) prevHashAlert!: Buffer | null;
  @Column({ type: 'bytea' }) hash!: Buffer;
}

/** The last entry of the log: its sequence number and hash. Exactly one row. */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'bigint' }) seq!: string;
  @Column({ type: 'bytea' }) hash!: Buffer;
}
