-- The feeds service's database schema as its migrations leave it (ADR 13), read
-- from Postgres's catalog. Never edit by hand: change a migration, then
--   nx run feeds:schema:write
-- and review the difference. npm test's schema tier runs nx run feeds:schema:check,
-- which fails when the migrations leave anything else.

CREATE SEQUENCE cpx_outbox_sequence_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 OWNED BY cpx_outbox.sequence;

CREATE SEQUENCE delivery_attempt_id_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 OWNED BY delivery_attempt.id;

CREATE SEQUENCE feed_event_sequence_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 OWNED BY feed_event.sequence;

CREATE OR REPLACE FUNCTION public.cpx_outbox_notify()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN PERFORM pg_notify('cpx_outbox', ''); RETURN NULL; END $function$;

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

CREATE TABLE delivery_attempt (
  id bigint NOT NULL DEFAULT nextval('delivery_attempt_id_seq'::regclass),
  delivery_id uuid NOT NULL,
  attempt integer NOT NULL,
  attempted_at timestamp with time zone NOT NULL,
  status_code integer,
  latency_ms integer NOT NULL,
  error text NOT NULL DEFAULT ''::text,
  CONSTRAINT delivery_attempt_delivery_id_fkey FOREIGN KEY (delivery_id) REFERENCES webhook_delivery(id),
  CONSTRAINT delivery_attempt_pkey PRIMARY KEY (id)
);

CREATE INDEX delivery_attempt_delivery ON public.delivery_attempt USING btree (delivery_id, attempt);

CREATE TABLE feed_event (
  sequence bigint NOT NULL DEFAULT nextval('feed_event_sequence_seq'::regclass),
  source text NOT NULL,
  event_id text NOT NULL,
  type text NOT NULL,
  subject text NOT NULL,
  countries text[] NOT NULL DEFAULT '{}'::text[],
  occurred_at timestamp with time zone NOT NULL,
  recorded_at timestamp with time zone NOT NULL DEFAULT now(),
  data text NOT NULL,
  CONSTRAINT feed_event_pkey PRIMARY KEY (sequence),
  CONSTRAINT feed_event_source_event_id_key UNIQUE (source, event_id)
);

CREATE INDEX feed_event_recorded_at ON public.feed_event USING btree (recorded_at);

CREATE TABLE partner (
  id uuid NOT NULL,
  name text NOT NULL,
  countries text[] NOT NULL DEFAULT '{}'::text[],
  created_by text NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT partner_pkey PRIMARY KEY (id)
);

CREATE TABLE replica_agency_country (
  agency_id uuid NOT NULL,
  country text NOT NULL,
  source_version bigint NOT NULL,
  CONSTRAINT replica_agency_country_pkey PRIMARY KEY (agency_id)
);

CREATE TABLE subscription (
  id uuid NOT NULL,
  partner_id uuid NOT NULL,
  event_types text[] NOT NULL,
  countries text[] NOT NULL DEFAULT '{}'::text[],
  webhook_url text,
  secret text,
  previous_secret text,
  previous_secret_expires_at timestamp with time zone,
  enabled boolean NOT NULL DEFAULT true,
  disabled_reason text NOT NULL DEFAULT ''::text,
  created_at timestamp with time zone NOT NULL,
  deleted_at timestamp with time zone,
  next_send_at timestamp with time zone NOT NULL DEFAULT '-infinity'::timestamp with time zone,
  failing_since timestamp with time zone,
  secret_key_id text,
  secret_sealed bytea,
  previous_secret_key_id text,
  previous_secret_sealed bytea,
  payload_mode text NOT NULL DEFAULT 'THIN'::text,
  version integer NOT NULL DEFAULT 1,
  idempotency_key text,
  request_digest text,
  CONSTRAINT subscription_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partner(id),
  CONSTRAINT subscription_payload_mode CHECK ((payload_mode = ANY (ARRAY['THIN'::text, 'FULL'::text]))),
  CONSTRAINT subscription_pkey PRIMARY KEY (id),
  CONSTRAINT subscription_previous_secret_key CHECK (((previous_secret_sealed IS NULL) = (previous_secret_key_id IS NULL))),
  CONSTRAINT subscription_secret_key CHECK (((secret_sealed IS NULL) = (secret_key_id IS NULL))),
  CONSTRAINT subscription_secret_present CHECK (((secret IS NOT NULL) OR (secret_sealed IS NOT NULL)))
);

CREATE UNIQUE INDEX subscription_idempotency_key ON public.subscription USING btree (partner_id, idempotency_key) WHERE (idempotency_key IS NOT NULL);

CREATE INDEX subscription_partner ON public.subscription USING btree (partner_id) WHERE (deleted_at IS NULL);

CREATE TABLE webhook_delivery (
  id uuid NOT NULL,
  subscription_id uuid NOT NULL,
  sequence bigint NOT NULL,
  state text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamp with time zone NOT NULL,
  claim_token uuid,
  last_status integer,
  last_error text NOT NULL DEFAULT ''::text,
  created_at timestamp with time zone NOT NULL DEFAULT now(),
  delivered_at timestamp with time zone,
  retry_base integer NOT NULL DEFAULT 0,
  payload_mode text,
  CONSTRAINT webhook_delivery_payload_mode CHECK ((payload_mode = ANY (ARRAY['THIN'::text, 'FULL'::text]))),
  CONSTRAINT webhook_delivery_pkey PRIMARY KEY (id),
  CONSTRAINT webhook_delivery_sequence_fkey FOREIGN KEY (sequence) REFERENCES feed_event(sequence),
  CONSTRAINT webhook_delivery_state_check CHECK ((state = ANY (ARRAY['PENDING'::text, 'PARKED'::text, 'DELIVERED'::text, 'FAILED'::text]))) NOT VALID,
  CONSTRAINT webhook_delivery_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES subscription(id),
  CONSTRAINT webhook_delivery_subscription_id_sequence_key UNIQUE (subscription_id, sequence)
);

CREATE INDEX webhook_delivery_due ON public.webhook_delivery USING btree (next_attempt_at) WHERE (state = 'PENDING'::text);

CREATE INDEX webhook_delivery_failed ON public.webhook_delivery USING btree (subscription_id, created_at) WHERE (state = 'FAILED'::text);

CREATE INDEX webhook_delivery_leased ON public.webhook_delivery USING btree (subscription_id, next_attempt_at) WHERE ((state = 'PENDING'::text) AND (claim_token IS NOT NULL));

CREATE INDEX webhook_delivery_parked ON public.webhook_delivery USING btree (subscription_id, sequence) WHERE (state = 'PARKED'::text);

CREATE INDEX webhook_delivery_pending_subscription ON public.webhook_delivery USING btree (subscription_id, next_attempt_at) WHERE (state = 'PENDING'::text);

CREATE INDEX webhook_delivery_sequence ON public.webhook_delivery USING btree (sequence);
