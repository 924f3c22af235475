/**
 * Decision definitions may live in their own files (`decisions.include`), one definition or a list
 * per file, so the teams that own them can keep them apart from podium.yaml. Validated like the
 * file's own; problems name the file and the path within it.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { decisionDefinitionSchema, type DecisionDefinition } from '../../contract/index.js';
import { formatIssuePath } from './format-issue-path.js';

const listSchema = z.array(decisionDefinitionSchema);
const singleSchema = decisionDefinitionSchema.transform((definition) => [definition]);

/** Reads every included file; returns the definitions and one line per problem. */
export async function loadDecisionIncludes(input: {
  include: readonly string[];
  baseDir: string;
}): Promise<{ definitions: DecisionDefinition[]; problems: string[] }> {
  const definitions: DecisionDefinition[] = [];
  const problems: string[] = [];
  for (const [index, file] of input.include.entries()) {
    const at = `decisions.include[${index}] (${file})`;
    let raw: unknown;
    try {
      raw = parse(await readFile(isAbsolute(file) ? file : resolve(input.baseDir, file), 'utf8'));
    } catch (error) {
      problems.push(`${at}: ${(error as Error).message}`);
      continue;
    }
    // Checked by shape first, so problems point inside the definition rather than at a failed union.
    const parsed = Array.isArray(raw) ? listSchema.safeParse(raw) : singleSchema.safeParse(raw);
    if (parsed.success) definitions.push(...parsed.data);
    else problems.push(...parsed.error.issues.map((issue) => `${at}${within(issue.path)}: ${issue.message}`));
  }
  return { definitions, problems };
}

/** Ids must be unique across podium.yaml and its includes. */
export function duplicateDecisionIds(definitions: readonly DecisionDefinition[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const definition of definitions) {
    if (seen.has(definition.id)) problems.push(`decisions: duplicate decision id "${definition.id}"`);
    seen.add(definition.id);
  }
  return problems;
}

/** The path inside an included file, joined to the file's own label: `.risk[0]`, `[1].id`, or nothing for the root. */
function within(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '';
  const formatted = formatIssuePath(path);
  return typeof path[0] === 'number' ? formatted : `.${formatted}`;
}

/** Roles named by decisions (makers, `role:` approvers and escalation) must be defined under `roles:`. */
export function undefinedRoles(config: {
  roles: Readonly<Record<string, readonly string[]>>;
  decisions: { definitions: readonly DecisionDefinition[] };
}): string[] {
  const problems: string[] = [];
  for (const definition of config.decisions.definitions) {
    const named = [
      ...definition.makers.roles.map((role, index) => ({ role, at: `makers.roles[${index}]` })),
      ...definition.risk.flatMap((tier, index) =>
        (tier.approvers ?? []).map((entry, position) => ({ role: entry, at: `risk[${index}].approvers[${position}]` })),
      ),
      ...definition.escalation.flatMap((group, index) =>
        group.map((entry, position) => ({ role: entry, at: `escalation[${index}][${position}]` })),
      ),
    ];
    for (const { role, at } of named) {
      const name = at.startsWith('makers') ? role : role.startsWith('role:') ? role.slice(5) : undefined;
      if (name !== undefined && config.roles[name] === undefined)
        problems.push(`decisions (${definition.id}).${at}: unknown role "${name}"`);
    }
  }
  return problems;
}
