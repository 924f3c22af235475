import type { Migration } from '../../store/index.js';

/**
 * Tool calls in the ledger, and the single use of the approvals that let them run.
 *
 * `kind` says which kind of call a row records (`model.call`, `tool.call`); the constant default keeps the
 * ALTER from rewriting the ledger and makes every older row a model call, which it is. `tool` is a tool call's
 * canonical name and `arguments_digest` the SHA-256 of its arguments' canonical JSON (never the values).
 *
 * `tool_call_approvals` binds an approval to the exact call it approves (caller, tool, arguments' digest, policy
 * revision: `binding` is their digest) and records its use: the conditional UPDATE that sets `used_by` succeeds
 * once, so two concurrent retries of an approved call run it once. It lives here, with the ledger's tool-call
 * columns, because both arrive with the tool gateway and version 13 is another migration's.
 */
export const toolCalls: Migration = {
  version: 14,
  name: 'tool-calls',
  sql: `
ALTER TABLE requests ADD COLUMN kind text NOT NULL DEFAULT 'model.call';
ALTER TABLE requests ADD COLUMN tool text;
ALTER TABLE requests ADD COLUMN arguments_digest text;
CREATE INDEX requests_tool_at ON requests (tool, at DESC) WHERE tool IS NOT NULL;

CREATE TABLE tool_call_approvals (
  binding text PRIMARY KEY,
  tenant text NOT NULL,
  approval_id text NOT NULL,
  used_by text,
  used_at timestamptz,
  created_at timestamptz NOT NULL
);
`,
};
