-- Devices, their events (one row per (device_id, seq), never updated), alarms, and the session packages HQ knows.
CREATE TABLE devices (
  device_id       text PRIMARY KEY,
  public_key      text NOT NULL,
  name            text,
  enrolled_at     timestamptz NOT NULL,
  enrolled_by     text NOT NULL,
  acked_seq       bigint NOT NULL DEFAULT 0,
  head_hash       text NOT NULL,
  clock_offset_ms bigint,
  last_upload_at  timestamptz
);

CREATE TABLE events (
  device_id   text NOT NULL REFERENCES devices (device_id),
  seq         bigint NOT NULL,
  event_id    text NOT NULL,
  session_id  text NOT NULL,
  type        text NOT NULL,
  hash        text NOT NULL,
  -- The event as the desk signed it, JSON text: kept verbatim so it can be re-verified any time.
  body        text NOT NULL,
  received_at timestamptz NOT NULL,
  source      text NOT NULL,
  -- A domain rule the event breaks (unknownCandidate, unknownSession); NULL when it is fine.
  quarantine  text,
  PRIMARY KEY (device_id, seq)
);
CREATE INDEX events_session ON events (session_id);

CREATE TABLE alarms (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL,
  device_id text,
  kind      text NOT NULL,
  detail    text NOT NULL
);

CREATE TABLE packages (
  session_id      text PRIMARY KEY,
  venue_id        text NOT NULL,
  package_version integer NOT NULL,
  manifest        text NOT NULL,
  bytes           bytea NOT NULL,
  uploaded_at     timestamptz NOT NULL
);
CREATE INDEX packages_venue ON packages (venue_id, uploaded_at);
