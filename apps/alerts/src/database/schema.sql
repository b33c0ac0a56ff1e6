-- The alerts service's database schema as its migrations leave it (ADR 13), read
-- from Postgres's catalog. Never edit by hand: change a migration, then
--   nx run alerts:schema:write
-- and review the difference. npm test's schema tier runs nx run alerts:schema:check,
-- which fails when the migrations leave anything else.

CREATE SEQUENCE cpx_outbox_sequence_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 OWNED BY cpx_outbox.sequence;

GRANT SELECT, UPDATE, USAGE ON SEQUENCE cpx_outbox_sequence_seq TO cpx_alerts_runtime;

CREATE OR REPLACE FUNCTION public.audit_chain_head_forward_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.id <> OLD.id OR NEW.seq <> OLD.seq + 1
           OR NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.seq = NEW.seq AND e.hash = NEW.hash) THEN
          RAISE EXCEPTION 'audit_chain_head moves one appended entry forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $function$;

CREATE OR REPLACE FUNCTION public.audit_entry_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $function$;

CREATE OR REPLACE FUNCTION public.cpx_outbox_notify()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN PERFORM pg_notify('cpx_outbox', ''); RETURN NULL; END $function$;

CREATE TABLE alert (
  id uuid NOT NULL,
  idempotency_key text NOT NULL,
  request_digest text,
  kind text NOT NULL,
  urgency text NOT NULL,
  status text NOT NULL,
  origin_country character(2) NOT NULL,
  origin_agency_id uuid NOT NULL,
  posted_by_subject text NOT NULL,
  target_agency_types text[] NOT NULL DEFAULT '{}'::text[],
  title text NOT NULL,
  summary text NOT NULL,
  outcome text NOT NULL DEFAULT ''::text,
  outcome_note text NOT NULL DEFAULT ''::text,
  posted_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  ended_at timestamp with time zone,
  closed_at timestamp with time zone,
  identity_erased boolean NOT NULL DEFAULT false,
  version integer NOT NULL,
  CONSTRAINT alert_pkey PRIMARY KEY (id),
  CONSTRAINT alert_posted_by_subject_idempotency_key_key UNIQUE (posted_by_subject, idempotency_key),
  CONSTRAINT alert_status_check CHECK ((status = ANY (ARRAY['POSTED'::text, 'IN_PROGRESS'::text, 'RESOLVED'::text, 'CANCELLED'::text, 'CLOSED'::text]))),
  CONSTRAINT alert_urgency_check CHECK ((urgency = ANY (ARRAY['CRITICAL'::text, 'HIGH'::text, 'NORMAL'::text])))
);

CREATE INDEX alert_origin_agency ON public.alert USING btree (origin_agency_id);

CREATE INDEX alert_status_posted ON public.alert USING btree (status, posted_at DESC);

GRANT DELETE, INSERT, SELECT, UPDATE ON alert TO cpx_alerts_runtime;

CREATE TABLE alert_recipient (
  alert_id uuid NOT NULL,
  professional_id uuid NOT NULL,
  country character(2) NOT NULL,
  agency_id uuid NOT NULL,
  subject text,
  reason text NOT NULL,
  added_at timestamp with time zone NOT NULL,
  CONSTRAINT alert_recipient_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alert(id),
  CONSTRAINT alert_recipient_pkey PRIMARY KEY (alert_id, professional_id)
);

CREATE INDEX alert_recipient_agency ON public.alert_recipient USING btree (agency_id);

CREATE INDEX alert_recipient_subject ON public.alert_recipient USING btree (subject);

GRANT DELETE, INSERT, SELECT, UPDATE ON alert_recipient TO cpx_alerts_runtime;

CREATE TABLE alert_target (
  alert_id uuid NOT NULL,
  country character(2) NOT NULL,
  deadline timestamp with time zone NOT NULL,
  acknowledged_at timestamp with time zone,
  acknowledged_by_agency_id uuid,
  acknowledged_by_subject text,
  escalation_level integer NOT NULL DEFAULT 0,
  next_escalation_at timestamp with time zone,
  unrouted boolean NOT NULL DEFAULT false,
  CONSTRAINT alert_target_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alert(id),
  CONSTRAINT alert_target_pkey PRIMARY KEY (alert_id, country)
);

CREATE INDEX alert_target_country ON public.alert_target USING btree (country, acknowledged_at);

CREATE INDEX alert_target_due ON public.alert_target USING btree (next_escalation_at) WHERE (next_escalation_at IS NOT NULL);

GRANT DELETE, INSERT, SELECT, UPDATE ON alert_target TO cpx_alerts_runtime;

CREATE TABLE alert_update (
  id uuid NOT NULL,
  alert_id uuid NOT NULL,
  author_subject text NOT NULL,
  author_agency_id uuid,
  author_country text NOT NULL DEFAULT ''::text,
  text text NOT NULL,
  sighting_place text,
  sighting_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL,
  kind text NOT NULL DEFAULT 'NOTE'::text,
  CONSTRAINT alert_update_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alert(id),
  CONSTRAINT alert_update_pkey PRIMARY KEY (id)
);

CREATE INDEX alert_update_alert ON public.alert_update USING btree (alert_id, created_at);

GRANT DELETE, INSERT, SELECT, UPDATE ON alert_update TO cpx_alerts_runtime;

CREATE TABLE audit_chain_head (
  id smallint NOT NULL,
  seq bigint NOT NULL,
  hash bytea NOT NULL,
  CONSTRAINT audit_chain_head_id_check CHECK ((id = 1)),
  CONSTRAINT audit_chain_head_pkey PRIMARY KEY (id)
);

CREATE TRIGGER audit_chain_head_forward_only BEFORE DELETE OR UPDATE ON public.audit_chain_head FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();

CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON public.audit_chain_head FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_forward_only();

GRANT INSERT, SELECT, UPDATE ON audit_chain_head TO cpx_alerts_runtime;

CREATE TABLE audit_entry (
  seq bigint NOT NULL,
  at timestamp with time zone NOT NULL,
  actor_subject text NOT NULL,
  alert_id uuid,
  action text NOT NULL,
  details jsonb NOT NULL,
  prev_hash_global bytea NOT NULL,
  prev_hash_alert bytea,
  hash bytea NOT NULL,
  CONSTRAINT audit_entry_pkey PRIMARY KEY (seq),
  CONSTRAINT audit_entry_seq_check CHECK ((seq > 0))
);

CREATE INDEX audit_entry_action ON public.audit_entry USING btree (action, seq);

CREATE INDEX audit_entry_action_actor ON public.audit_entry USING btree (action, actor_subject, seq);

CREATE INDEX audit_entry_alert ON public.audit_entry USING btree (alert_id, seq) WHERE (alert_id IS NOT NULL);

CREATE TRIGGER audit_entry_append_only BEFORE DELETE OR UPDATE ON public.audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();

CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON public.audit_entry FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

GRANT INSERT, SELECT ON audit_entry TO cpx_alerts_runtime;

CREATE TABLE child_identity (
  alert_id uuid NOT NULL,
  key_id text NOT NULL,
  wrapped_key bytea NOT NULL,
  ciphertext bytea NOT NULL,
  CONSTRAINT child_identity_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alert(id),
  CONSTRAINT child_identity_pkey PRIMARY KEY (alert_id)
);

GRANT DELETE, INSERT, SELECT, UPDATE ON child_identity TO cpx_alerts_runtime;

CREATE TABLE cpx_inbox (
  source text NOT NULL,
  id text NOT NULL,
  event_type text NOT NULL,
  handled_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT cpx_inbox_pkey PRIMARY KEY (source, id)
);

GRANT DELETE, INSERT, SELECT, UPDATE ON cpx_inbox TO cpx_alerts_runtime;

CREATE TABLE cpx_outbox (
  sequence bigint NOT NULL DEFAULT nextval('cpx_outbox_sequence_seq'::regclass),
  id uuid NOT NULL,
  topic text NOT NULL,
  record_key text NOT NULL,
  event_type text NOT NULL,
  subject text NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  payload bytea NOT NULL,
  published_at timestamp with time zone,
  CONSTRAINT cpx_outbox_id_key UNIQUE (id),
  CONSTRAINT cpx_outbox_pkey PRIMARY KEY (sequence)
);

CREATE INDEX cpx_outbox_unpublished ON public.cpx_outbox USING btree (sequence) WHERE (published_at IS NULL);

CREATE TRIGGER cpx_outbox_inserted AFTER INSERT ON public.cpx_outbox FOR EACH STATEMENT EXECUTE FUNCTION cpx_outbox_notify();

GRANT DELETE, INSERT, SELECT, UPDATE ON cpx_outbox TO cpx_alerts_runtime;

CREATE TABLE identity_grant (
  alert_id uuid NOT NULL,
  grantee_subject text NOT NULL,
  granted_by_subject text NOT NULL,
  reason text NOT NULL,
  granted_at timestamp with time zone NOT NULL,
  revoked_at timestamp with time zone,
  revoked_by_subject text,
  CONSTRAINT identity_grant_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES alert(id),
  CONSTRAINT identity_grant_pkey PRIMARY KEY (alert_id, grantee_subject)
);

GRANT DELETE, INSERT, SELECT, UPDATE ON identity_grant TO cpx_alerts_runtime;

CREATE TABLE replica_agency (
  id uuid NOT NULL,
  country character(2) NOT NULL,
  type text NOT NULL,
  source_version bigint NOT NULL,
  CONSTRAINT replica_agency_pkey PRIMARY KEY (id)
);

GRANT DELETE, INSERT, SELECT, UPDATE ON replica_agency TO cpx_alerts_runtime;

CREATE TABLE replica_focal_point (
  id uuid NOT NULL,
  country character(2) NOT NULL,
  alert_kind text NOT NULL,
  professional_id uuid NOT NULL,
  CONSTRAINT replica_focal_point_pkey PRIMARY KEY (id)
);

CREATE INDEX replica_focal_point_country ON public.replica_focal_point USING btree (country);

GRANT DELETE, INSERT, SELECT, UPDATE ON replica_focal_point TO cpx_alerts_runtime;

CREATE TABLE replica_on_duty_shift (
  id uuid NOT NULL,
  professional_id uuid NOT NULL,
  country character(2) NOT NULL,
  alert_kind text NOT NULL,
  starts_at timestamp with time zone NOT NULL,
  ends_at timestamp with time zone NOT NULL,
  CONSTRAINT replica_on_duty_shift_pkey PRIMARY KEY (id)
);

CREATE INDEX replica_on_duty_window ON public.replica_on_duty_shift USING btree (country, starts_at, ends_at);

GRANT DELETE, INSERT, SELECT, UPDATE ON replica_on_duty_shift TO cpx_alerts_runtime;

CREATE TABLE replica_professional (
  id uuid NOT NULL,
  agency_id uuid NOT NULL,
  subject text,
  status text NOT NULL,
  source_version bigint NOT NULL,
  CONSTRAINT replica_professional_pkey PRIMARY KEY (id)
);

CREATE INDEX replica_professional_subject ON public.replica_professional USING btree (subject);

GRANT DELETE, INSERT, SELECT, UPDATE ON replica_professional TO cpx_alerts_runtime;
