import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A state taking part in CPX. Data, not an enum: more states join by adding rows. */
@Entity({ name: 'country' })
export class CountryEntity {
  /** ISO 3166-1 alpha-2 (XK for Kosovo, as used by the EU and the partner states). */
  @PrimaryColumn({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  languages!: string[];
}
