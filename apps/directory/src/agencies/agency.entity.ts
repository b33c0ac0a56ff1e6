import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface StoredContact {
  kind: string;
  value: string;
  label: string;
}

@Entity({ name: 'agency' })
export class AgencyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Folded name, locality and jurisdiction with their Latin forms (search/search-index.ts); what free-text search matches. */
  @Column({ type: 'text', name: 'search_text' })
  searchText!: string;

  /** AgencyType name as in proto, e.g. `POLICE`. */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'text', default: '' })
  locality!: string;

  @Column({ type: 'text', default: '' })
  jurisdiction!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  languages!: string[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  contacts!: StoredContact[];

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
