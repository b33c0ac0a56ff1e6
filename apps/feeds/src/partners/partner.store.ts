/** All SQL of the `partner` table: partner organisations, registered by platform admins. */
import { DomainError } from '@cpx/platform';
import type { EntityManager } from 'typeorm';

export interface PartnerRow {
  id: string;
  name: string;
  /** None: every country. */
  countries: string[];
  createdAt: Date;
}

/** The columns as Postgres returns them. */
interface PartnerColumns {
  id: string;
  name: string;
  countries: string[];
  created_at: Date;
}

const partnerRow = (row: PartnerColumns): PartnerRow => ({ id: row.id, name: row.name, countries: row.countries, createdAt: row.created_at });

export async function insertPartner(manager: EntityManager, partner: { id: string; name: string; countries: string[]; createdBy: string }): Promise<PartnerRow> {
  const rows: PartnerColumns[] = await manager.query(
    `INSERT INTO partner (id, name, countries, created_by, created_at) VALUES ($1, $2, $3, $4, now())
       RETURNING id, name, countries, created_at`,
    [partner.id, partner.name, partner.countries, partner.createdBy],
  );
  return partnerRow(rows[0]);
}

export async function findPartner(manager: EntityManager, id: string): Promise<PartnerRow | undefined> {
  const rows: PartnerColumns[] = await manager.query(`SELECT id, name, countries, created_at FROM partner WHERE id = $1`, [id]);
  return rows[0] && partnerRow(rows[0]);
}

/** The partner, or NOT_FOUND: an id CPX never issued (or issued elsewhere) answers as unknown. */
export async function requirePartner(manager: EntityManager, id: string): Promise<PartnerRow> {
  const partner = await findPartner(manager, id);
  if (!partner) throw DomainError.notFound('Partner', id);
  return partner;
}
