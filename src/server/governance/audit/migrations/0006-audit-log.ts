import type { Migration } from '../../../store/index.js';

/**
 * The audit trail (docs/audit.md): one hash chain per tenant in `audit_log`, its head in `audit_heads` (the row
 * writers lock, so replicas never fork a chain), and signed checkpoints in `audit_checkpoints`. Entries and
 * checkpoints are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. A superuser can drop the
 * trigger — which is why checkpoints are also exported outside the database.
 */
export const auditLog: Migration = {
  version: 6,
  name: 'audit-log',
  sql: `
CREATE TABLE audit_log (
  tenant text COLLATE "C" NOT NULL,
  seq bigint NOT NULL CHECK (seq > 0),
  -- (3): the ISO string that was hashed must read back identical.
  at timestamptz(3) NOT NULL,
  kind text NOT NULL,
  actor text NOT NULL,
  subject text NOT NULL,
  -- The canonical JSON text the hash covers, byte for byte (text, not jsonb: jsonb would re-serialise it, and
  -- reading jsonb back costs twice as much). Query into it with payload_json::jsonb.
  payload_json text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  -- The only index: pages are read by (tenant, seq), and a second writer that slipped past the head lock
  -- would collide here instead of forking the chain.
  PRIMARY KEY (tenant, seq)
);

CREATE TABLE audit_heads (
  tenant text COLLATE "C" PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE TABLE audit_checkpoints (
  tenant text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  at timestamptz(3) NOT NULL,
  key_id text NOT NULL,
  signature text NOT NULL,
  PRIMARY KEY (tenant, seq)
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
`,
};
