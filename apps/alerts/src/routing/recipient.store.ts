/**
 * The SQL of routing. Who receives an alert in a target country, decided from the service's own replica of
 * the directory at the moment the alert is posted: the professionals on duty for that
 * country and kind right now, and its national focal points for that kind (or for every
 * kind). Only verified professionals; when the alert names agency types, only people of
 * those agencies. A country with nobody to receive it is "unrouted": it still gets the
 * alert (its deadline runs and escalates) and the regional attaché is told.
 */
import { queryPrepared } from '@cpx/platform';
import type { EntityManager } from 'typeorm';

export interface Recipient {
  professionalId: string;
  subject: string | null;
  agencyId: string;
  country: string;
  reason: 'ON_DUTY' | 'FOCAL_POINT' | 'ESCALATION';
}

export async function recipientsInCountry(
  manager: EntityManager,
  query: { country: string; kind: string; agencyTypes: readonly string[]; at: Date },
): Promise<Recipient[]> {
  const rows = await queryPrepared<{ professional_id: string; subject: string | null; agency_id: string; reason: Recipient['reason'] }>(
    manager,
      `SELECT DISTINCT ON (p.id) p.id AS professional_id, p.subject, p.agency_id, candidates.reason
         FROM (
           SELECT professional_id, 'ON_DUTY' AS reason, 0 AS rank FROM replica_on_duty_shift
            WHERE country = $1 AND alert_kind IN ($2, 'ANY') AND starts_at <= $3 AND ends_at > $3
           UNION ALL
           SELECT professional_id, 'FOCAL_POINT', 1 FROM replica_focal_point
            WHERE country = $1 AND alert_kind IN ($2, 'ANY')
         ) AS candidates
         JOIN replica_professional p ON p.id = candidates.professional_id AND p.status = 'VERIFIED'
         JOIN replica_agency a ON a.id = p.agency_id
        WHERE cardinality($4::text[]) = 0 OR a.type = ANY($4::text[])
        ORDER BY p.id, candidates.rank`,
      [query.country, query.kind, query.at, query.agencyTypes],
    );
  return rows.map((row) => ({
    professionalId: row.professional_id,
    subject: row.subject,
    agencyId: row.agency_id,
    country: query.country,
    reason: row.reason,
  }));
}

/** Every national focal point of a country, whatever their kinds: the first escalation step. */
export async function nationalFocalPoints(manager: EntityManager, country: string): Promise<Recipient[]> {
  const rows = await queryPrepared<{ professional_id: string; subject: string | null; agency_id: string }>(
    manager,
    `SELECT DISTINCT p.id AS professional_id, p.subject, p.agency_id
       FROM replica_focal_point f
       JOIN replica_professional p ON p.id = f.professional_id AND p.status = 'VERIFIED'
      WHERE f.country = $1`,
    [country],
  );
  return rows.map((row) => ({
    professionalId: row.professional_id,
    subject: row.subject,
    agencyId: row.agency_id,
    country,
    reason: 'ESCALATION' as const,
  }));
}
