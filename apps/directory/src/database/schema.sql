-- The directory service's database schema as its migrations leave it (ADR 13), read
-- from Postgres's catalog. Never edit by hand: change a migration, then
--   nx run directory:schema:write
-- and review the difference. npm test's schema tier runs nx run directory:schema:check,
-- which fails when the migrations leave anything else.

CREATE SEQUENCE cpx_outbox_sequence_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 OWNED BY cpx_outbox.sequence;

CREATE OR REPLACE FUNCTION public.cpx_outbox_notify()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN PERFORM pg_notify('cpx_outbox', ''); RETURN NULL; END $function$;

CREATE TABLE agency (
  id uuid NOT NULL,
  name text NOT NULL,
  search_text text NOT NULL,
  type text NOT NULL,
  country character(2) NOT NULL,
  locality text NOT NULL DEFAULT ''::text,
  jurisdiction text NOT NULL DEFAULT ''::text,
  languages text[] NOT NULL DEFAULT '{}'::text[],
  contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  version integer NOT NULL,
  CONSTRAINT agency_country_fkey FOREIGN KEY (country) REFERENCES country(code),
  CONSTRAINT agency_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX agency_country_name ON public.agency USING btree (country, lower(name));

CREATE INDEX agency_country_type ON public.agency USING btree (country, type);

CREATE TABLE country (
  code character(2) NOT NULL,
  name text NOT NULL,
  languages text[] NOT NULL DEFAULT '{}'::text[],
  CONSTRAINT country_code_check CHECK ((code ~ '^[A-Z]{2}$'::text)),
  CONSTRAINT country_pkey PRIMARY KEY (code)
);

CREATE TABLE cpx_inbox (
  source text NOT NULL,
  id text NOT NULL,
  event_type text NOT NULL,
  handled_at timestamp with time zone NOT NULL DEFAULT now(),
  CONSTRAINT cpx_inbox_pkey PRIMARY KEY (source, id)
);

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

CREATE TABLE focal_point (
  id uuid NOT NULL,
  country character(2) NOT NULL,
  alert_kind text NOT NULL,
  professional_id uuid NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT focal_point_country_alert_kind_professional_id_key UNIQUE (country, alert_kind, professional_id),
  CONSTRAINT focal_point_country_fkey FOREIGN KEY (country) REFERENCES country(code),
  CONSTRAINT focal_point_pkey PRIMARY KEY (id),
  CONSTRAINT focal_point_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES professional(id)
);

CREATE TABLE on_duty_shift (
  id uuid NOT NULL,
  professional_id uuid NOT NULL,
  country character(2) NOT NULL,
  alert_kind text NOT NULL,
  starts_at timestamp with time zone NOT NULL,
  ends_at timestamp with time zone NOT NULL,
  CONSTRAINT on_duty_shift_country_fkey FOREIGN KEY (country) REFERENCES country(code),
  CONSTRAINT on_duty_shift_ends_at_check CHECK ((ends_at >= starts_at)),
  CONSTRAINT on_duty_shift_pkey PRIMARY KEY (id),
  CONSTRAINT on_duty_shift_professional_id_fkey FOREIGN KEY (professional_id) REFERENCES professional(id)
);

CREATE INDEX on_duty_shift_window ON public.on_duty_shift USING btree (country, starts_at, ends_at);

CREATE TABLE professional (
  id uuid NOT NULL,
  agency_id uuid NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  search_text text NOT NULL,
  role text NOT NULL,
  languages text[] NOT NULL DEFAULT '{}'::text[],
  expertise text[] NOT NULL DEFAULT '{}'::text[],
  contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
  status text NOT NULL,
  subject text,
  suspension_reason text NOT NULL DEFAULT ''::text,
  created_at timestamp with time zone NOT NULL,
  updated_at timestamp with time zone NOT NULL,
  version integer NOT NULL,
  expertise_keys text[] NOT NULL DEFAULT '{}'::text[],
  CONSTRAINT professional_agency_id_fkey FOREIGN KEY (agency_id) REFERENCES agency(id),
  CONSTRAINT professional_pkey PRIMARY KEY (id),
  CONSTRAINT professional_status_check CHECK ((status = ANY (ARRAY['INVITED'::text, 'VERIFIED'::text, 'SUSPENDED'::text]))),
  CONSTRAINT professional_subject_key UNIQUE (subject)
);

CREATE INDEX professional_agency ON public.professional USING btree (agency_id);
