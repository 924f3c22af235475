/**
 * Reads Cedar policy files, names every policy (its `@id("…")` annotation, else `<file>#<n>`) so an
 * answer can say which policies decided, and validates the set against Podium's schema. Problems
 * are reported all at once with file, line and column.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import type { DecisionDefinition } from '../../../contract/index.js';
import { decisionContextFields, type CedarFieldType } from './decision-context.js';
import { podiumCedarSchemaFor } from './podium-schema.js';

export interface LoadedPolicies {
  /** Policy id → Cedar text. */
  policies: Record<string, string>;
  /** Policy id → `file:line`, for messages. */
  origins: Record<string, string>;
  /** The decision context fields `decision.make` policies were validated against, by name. */
  decisionFields: Record<string, CedarFieldType>;
  /** The tool argument fields `tool.call` policies were validated against (`context.arguments`), by name. */
  toolArgumentFields: Record<string, CedarFieldType>;
  /** Policy id → who approves what it permits (`@approval("alice, bob")`): a human must approve the call. */
  approvers: Record<string, string[]>;
  /**
   * SHA-256 of the set (ids and texts, in id order): an approval is bound to the revision it was asked
   * under, so a changed policy set asks again rather than reusing a yes given under other rules.
   */
  revision: string;
}

export class PolicyLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid policies:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Loads from files (relative to `baseDir`) or inline texts keyed by a name, validated against the schema
 * with `decision.make`'s context typed from `decisions` (podium.yaml's).
 */
export function loadPolicies(input: {
  files?: readonly string[];
  texts?: Readonly<Record<string, string>>;
  baseDir: string;
  decisions?: readonly DecisionDefinition[];
  /** Every catalog tool's top-level arguments, typed for Cedar (`toolArgumentFields`): `context.arguments`. */
  toolArguments?: Readonly<Record<string, CedarFieldType>>;
}): LoadedPolicies {
  const sources: { name: string; text: string }[] = [];
  const { fields: decisionFields, problems } = decisionContextFields(input.decisions ?? []);
  for (const file of input.files ?? []) {
    const path = isAbsolute(file) ? file : resolve(input.baseDir, file);
    try {
      sources.push({ name: basename(path), text: readFileSync(path, 'utf8') });
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
  for (const [name, text] of Object.entries(input.texts ?? {})) sources.push({ name, text });
  const toolArgumentFields = { ...input.toolArguments };
  const loaded: LoadedPolicies = {
    policies: {},
    origins: {},
    decisionFields,
    toolArgumentFields,
    approvers: {},
    revision: '',
  };
  const positions = new Map<string, { source: { name: string; text: string }; offset: number }>();
  for (const source of sources) {
    const parts = cedar.policySetTextToParts(source.text);
    if (parts.type === 'failure') {
      problems.push(
        ...parts.errors.map(
          (error) => `${source.name}${at(source.text, error.sourceLocations?.[0]?.start)}: ${error.message}`,
        ),
      );
      continue;
    }
    let searchFrom = 0;
    parts.policies.forEach((text, index) => {
      const offset = Math.max(0, source.text.indexOf(firstLine(text), searchFrom));
      searchFrom = offset + 1;
      const id = /@id\(\s*"([^"]+)"\s*\)/.exec(text)?.[1] ?? `${source.name}#${index + 1}`;
      if (loaded.policies[id] !== undefined)
        problems.push(`${source.name}${at(source.text, offset)}: duplicate policy id "${id}"`);
      loaded.policies[id] = text;
      loaded.origins[id] = `${source.name}${at(source.text, offset)}`;
      const approvers = approvalAnnotation(text);
      if (approvers !== undefined) {
        if (approvers.length === 0 || approvers.length > 50)
          problems.push(`${source.name}${at(source.text, offset)}: @approval names 1 to 50 approvers, comma-separated`);
        else loaded.approvers[id] = approvers;
      }
      positions.set(id, { source, offset });
    });
  }
  if (problems.length === 0 && Object.keys(loaded.policies).length > 0) {
    const answer = cedar.validate({
      schema: podiumCedarSchemaFor(decisionFields, toolArgumentFields),
      policies: { staticPolicies: loaded.policies },
      validationSettings: { mode: 'strict' },
    });
    if (answer.type === 'failure') problems.push(...answer.errors.map((error) => error.message));
    else {
      const order = Object.keys(loaded.policies);
      // Cedar only warns about a policy that can never match, but in Podium one is a mistake — usually a misspelt
      // attribute behind `has` (`context has amout && …`), which turns a forbid into a silent no-op.
      const failed = new Set(answer.validationErrors.map((error) => error.policyId));
      const impossible = answer.validationWarnings.filter(
        (warning) => warning.error.message.includes('policy is impossible') && !failed.has(warning.policyId),
      );
      const errors = [...answer.validationErrors, ...impossible].sort(
        (a, b) =>
          order.indexOf(a.policyId) - order.indexOf(b.policyId) || a.error.message.localeCompare(b.error.message),
      );
      for (const { policyId, error } of errors) {
        const position = positions.get(policyId);
        const start = position
          ? position.offset +
            relativeStart(position, loaded.policies[policyId] ?? '', error.sourceLocations?.[0]?.start)
          : undefined;
        const hint = error.message.includes('policy is impossible') ? ' (a misspelt attribute after `has`?)' : '';
        problems.push(
          `${position?.source.name ?? policyId}${position ? at(position.source.text, start) : ''} (policy ${policyId}): ${error.message}${error.help ? ` (${error.help})` : hint}`,
        );
      }
    }
  }
  if (problems.length > 0) throw new PolicyLoadError(problems);
  loaded.revision = policySetRevision(loaded.policies);
  return loaded;
}

/** `@approval("alice, bob")` → its approvers (trimmed, empty names dropped); undefined without the annotation. */
function approvalAnnotation(text: string): string[] | undefined {
  const value = /@approval\(\s*"([^"]*)"\s*\)/.exec(text)?.[1];
  if (value === undefined) return undefined;
  return [...new Set(value.split(',').map((name) => name.trim()))]
    .filter((name) => name !== '')
    .map((name) => name.slice(0, 200));
}

function policySetRevision(policies: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  for (const id of Object.keys(policies).sort()) hash.update(`${id}\u0000${policies[id] ?? ''}\u0000`);
  return hash.digest('hex');
}

const firstLine = (text: string): string => text.split('\n')[0] ?? text;

/** Validation locations are offsets into the policy's own text; the text starts at its first line in the file. */
function relativeStart(
  position: { source: { text: string }; offset: number },
  policy: string,
  start: number | undefined,
): number {
  if (start === undefined) return 0;
  const inFile = position.source.text.indexOf(policy.slice(0, 40), position.offset);
  return inFile < 0 ? start : inFile - position.offset + start;
}

/** `:line:column` of an offset in a text (1-based), or nothing when unknown. */
function at(text: string, offset: number | undefined): string {
  if (offset === undefined) return '';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `:${line}:${column}`;
}
