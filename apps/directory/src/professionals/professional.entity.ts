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

  /** Folded names and expertise with their Latin forms (search/search-index.ts); what free-text search matches. */
  @Column({ type: 'text', name: 'search_text' })
  searchText!: string;

  /** ProfessionalRole name as in proto, e.g. `SOCIAL_WORKER`. */
  @Column({ type: 'text' })
  role!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  languages!: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  expertise!: string[];

  /** Each area of expertise as its search key, in any script: what the expertise filter matches. */
  @Column({ type: 'text', array: true, name: 'expertise_keys', default: '{}' })
  expertiseKeys!: string[];

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
