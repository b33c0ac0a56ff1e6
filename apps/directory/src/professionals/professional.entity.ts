import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AgencyEntity, type StoredContact } from '../agencies/agency.entity';

@Entity({ name: 'professional' })
export class ProfessionalEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'agency_id' })
  agencyId!: string;

  @ManyToOne(() => AgencyEntity, { eager: false })
  @JoinColumn({ name: 'agency_id' })
  agency?: AgencyEntity;

  @Column({ type: 'text', name: 'given_name' })
  givenName!: string;

  @Column({ type: 'text', name: 'family_name' })
  familyName!: string;

  /** Folded names and expertise plus their Latin transliteration. */
  @Column({ type: 'text', name: 'search_text' })
  searchText!: string;

  /** ProfessionalRole name as in proto, e.g. `SOCIAL_WORKER`. */
  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  languages!: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  expertise!: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  contacts!: StoredContact[];

  /** VerificationStatus name: INVITED, VERIFIED or SUSPENDED. */
  @Column({ type: 'text' })
  status!: string;

  /** The OIDC subject this professional signs in as, once linked. */
  @Column({ type: 'text', nullable: true, unique: true })
  subject!: string | null;

  @Column({ type: 'text', name: 'suspension_reason', default: '' })
  suspensionReason!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
