/**
 * Tool sets from `tools.sets`, compiled once: which sets a caller has (by team, agent or key), and what a
 * caller with those sets sees of the visible tools — only the tools its sets name, renamed and re-described
 * as they say. A caller with no set sees every visible tool under its canonical name.
 *
 * Exposed names are unique for every caller by construction, checked here at creation: canonical names
 * (`upstream__tool`) are unique, an `as` may not contain `__` (so it never equals a canonical name), and one
 * `as` names one tool across all sets (any two sets may be attached to one caller: a team's and an agent's).
 */
import { PodiumError, type ToolSetSummary, type ToolsConfig } from '../../../contract/index.js';
import { exposedNameSeparator } from '../tool-definition.js';
import type { ToolCaller } from '../tool-upstream.js';

/** What MCP clients accept as a tool name. */
const exposedNamePattern = /^[A-Za-z0-9_.-]{1,128}$/;

interface SetEntry {
  readonly tool: string;
  /** Undefined for an exact entry. */
  readonly pattern: RegExp | undefined;
  readonly as: string | undefined;
  readonly description: string | undefined;
}

interface CompiledSet {
  readonly name: string;
  readonly exact: ReadonlyMap<string, SetEntry>;
  readonly patterns: readonly SetEntry[];
}

/** A visible tool as the sets see it: its canonical name and its pinned description. */
export interface SetCandidate {
  readonly canonicalName: string;
  readonly description: string | undefined;
}

export interface SetExposure<T extends SetCandidate> {
  readonly exposedName: string;
  readonly description: string | undefined;
  readonly tool: T;
}

export interface ToolSets {
  /** The names of the sets attached to the caller, sorted: also the key of its cached view. */
  attached(caller: ToolCaller): readonly string[];
  /** What a caller with these sets sees of `tools`, sorted by exposed name. */
  expose<T extends SetCandidate>(setNames: readonly string[], tools: readonly T[]): SetExposure<T>[];
  summaries(): readonly ToolSetSummary[];
}

const patternOf = (text: string): RegExp =>
  new RegExp(
    `^${text
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );

function compileEntry(setName: string, index: number, raw: ToolsConfig['sets'][string]['tools'][number]): SetEntry {
  const entry = typeof raw === 'string' ? { tool: raw } : raw;
  const at = `tools.sets.${setName}.tools.${index}`;
  const isPattern = entry.tool.includes('*');
  if (!isPattern && !entry.tool.includes(exposedNameSeparator)) {
    throw new PodiumError('config_invalid', `${at}: "${entry.tool}" is neither \`upstream__tool\` nor a pattern`, {
      param: at,
    });
  }
  if (isPattern && (entry.as !== undefined || entry.description !== undefined)) {
    throw new PodiumError('config_invalid', `${at}: a pattern ("${entry.tool}") cannot be renamed or re-described`, {
      param: at,
    });
  }
  if (entry.as !== undefined && (!exposedNamePattern.test(entry.as) || entry.as.includes(exposedNameSeparator))) {
    throw new PodiumError(
      'config_invalid',
      `${at}.as: "${entry.as}" must be 1-128 letters, digits, _ . or - without "__" (kept for upstream__tool)`,
      { param: `${at}.as` },
    );
  }
  return {
    tool: entry.tool,
    pattern: isPattern ? patternOf(entry.tool) : undefined,
    as: entry.as,
    description: entry.description,
  };
}

/**
 * Compiles the sets.
 * @throws PodiumError `config_invalid` naming the entry: an unusable name, or one `as` for two tools (both named).
 */
export function compileToolSets(sets: ToolsConfig['sets']): ToolSets {
  const compiled = new Map<string, CompiledSet>();
  const renamedBy = new Map<string, { tool: string; at: string }>();
  for (const [name, set] of Object.entries(sets)) {
    const exact = new Map<string, SetEntry>();
    const patterns: SetEntry[] = [];
    set.tools.forEach((raw, index) => {
      const entry = compileEntry(name, index, raw);
      const at = `tools.sets.${name}.tools.${index}`;
      if (entry.pattern !== undefined) return void patterns.push(entry);
      if (exact.has(entry.tool)) {
        throw new PodiumError('config_invalid', `${at}: "${entry.tool}" is listed twice in set "${name}"`, {
          param: at,
        });
      }
      exact.set(entry.tool, entry);
      if (entry.as === undefined) return;
      const other = renamedBy.get(entry.as);
      if (other !== undefined && other.tool !== entry.tool) {
        throw new PodiumError(
          'config_invalid',
          `${at}.as: "${entry.as}" names both ${other.tool} (${other.at}) and ${entry.tool}: a caller with both sets could not tell them apart`,
          { param: `${at}.as` },
        );
      }
      renamedBy.set(entry.as, { tool: entry.tool, at });
    });
    compiled.set(name, { name, exact, patterns });
  }
  const setNames = [...compiled.keys()].sort();

  return {
    attached(caller) {
      return setNames.filter((name) => {
        const set = sets[name];
        if (set === undefined) return false;
        return (
          set.teams.includes(caller.teamName) ||
          set.keys.includes(caller.keyId) ||
          (caller.agent !== undefined && set.agents.includes(caller.agent))
        );
      });
    },

    expose(names, tools) {
      const byName = new Map<string, SetExposure<(typeof tools)[number]>>();
      if (names.length === 0) {
        for (const tool of tools)
          byName.set(tool.canonicalName, { exposedName: tool.canonicalName, description: tool.description, tool });
      }
      for (const name of names) {
        const set = compiled.get(name);
        if (set === undefined) continue;
        for (const tool of tools) {
          // An exact entry overrides the set's patterns for its tool: renamed means not also shown unrenamed.
          const entry =
            set.exact.get(tool.canonicalName) ?? set.patterns.find((p) => p.pattern?.test(tool.canonicalName));
          if (entry === undefined) continue;
          const exposedName = entry.as ?? tool.canonicalName;
          // Sets are visited in name order: the first to expose a name decides its description.
          if (!byName.has(exposedName))
            byName.set(exposedName, { exposedName, description: entry.description ?? tool.description, tool });
        }
      }
      return [...byName.values()].sort((a, b) =>
        a.exposedName < b.exposedName ? -1 : a.exposedName > b.exposedName ? 1 : 0,
      );
    },

    summaries() {
      return setNames.flatMap((name) => {
        const set = sets[name];
        if (set === undefined) return [];
        return [
          {
            name,
            description: set.description,
            tools: set.tools,
            teams: set.teams,
            agents: set.agents,
            keys: set.keys,
          },
        ];
      });
    },
  };
}
