/**
 * Every decision Podium knows: those in podium.yaml (and its includes), read-only at run time, and
 * those defined through the admin API, stored as one settings value so every replica reads the same
 * set (each re-reads it every `refreshMs`; a write is visible on the writing replica at once).
 */
import { decisionDefinitionSchema, PodiumError, type DecisionDefinition } from '../../../contract/index.js';
import { z } from 'zod';

export interface DecisionSettings {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export interface DecisionRegistryOptions {
  configured: readonly DecisionDefinition[];
  settings: DecisionSettings;
  /** Role names that exist (podium.yaml `roles:`): API-defined decisions may refer only to these. */
  roles?: readonly string[];
  refreshMs?: number;
  onError?: (error: unknown) => void;
}

export interface ListedDecision {
  definition: DecisionDefinition;
  source: 'file' | 'api';
}

const settingsKey = 'decision-definitions';
const storedSchema = z.array(decisionDefinitionSchema);

export class DecisionRegistry {
  private configured = new Map<string, DecisionDefinition>();
  private api = new Map<string, DecisionDefinition>();
  private storedText: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DecisionRegistryOptions) {
    for (const definition of options.configured) this.configured.set(definition.id, definition);
  }

  /** Reads the API-defined decisions and keeps re-reading them. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.options.onError?.(error));
    }, this.options.refreshMs ?? 10_000);
    this.timer.unref();
  }

  close(): void {
    clearInterval(this.timer);
  }

  /** Replaces the definitions from podium.yaml and its includes (a reload, validated together with the policies). */
  replaceConfigured(definitions: readonly DecisionDefinition[]): void {
    this.configured = new Map(definitions.map((definition) => [definition.id, definition]));
  }

  get(id: string): DecisionDefinition | undefined {
    return this.configured.get(id) ?? this.api.get(id);
  }

  list(): ListedDecision[] {
    return [
      ...[...this.configured.values()].map((definition) => ({ definition, source: 'file' as const })),
      ...[...this.api.values()].map((definition) => ({ definition, source: 'api' as const })),
    ];
  }

  /** Creates or replaces an API-defined decision. @throws PodiumError 409 for an id podium.yaml defines. */
  async put(definition: DecisionDefinition): Promise<void> {
    if (this.configured.has(definition.id))
      throw new PodiumError('conflict', `decision "${definition.id}" is defined in podium.yaml`, { param: 'id' });
    const unknownRole = unknownRoles(definition, this.options.roles ?? [])[0];
    if (unknownRole)
      throw new PodiumError('invalid_request', `${unknownRole.path}: unknown role "${unknownRole.role}"`, {
        param: unknownRole.path,
      });
    await this.refresh();
    const next = new Map(this.api);
    next.set(definition.id, definition);
    await this.options.settings.set(settingsKey, [...next.values()]);
    this.api = next;
  }

  /** @throws PodiumError 404 for an unknown id, 409 for one podium.yaml defines. */
  async remove(id: string): Promise<void> {
    if (this.configured.has(id))
      throw new PodiumError('conflict', `decision "${id}" is defined in podium.yaml`, { param: 'id' });
    await this.refresh();
    if (!this.api.has(id)) throw new PodiumError('not_found', `no decision "${id}"`, { param: 'id' });
    const next = new Map(this.api);
    next.delete(id);
    await this.options.settings.set(settingsKey, [...next.values()]);
    this.api = next;
  }

  private async refresh(): Promise<void> {
    const stored = await this.options.settings.get(settingsKey);
    // Unchanged since the last read: keep the parsed definitions (parsing compiles every context schema, and
    // keeping the same objects keeps the service's compiled context checkers).
    const text = JSON.stringify(stored ?? []);
    if (text === this.storedText) return;
    // A stored value this version cannot read is kept out rather than crashing every replica.
    const parsed = storedSchema.safeParse(stored ?? []);
    if (!parsed.success)
      throw new Error(`stored decision definitions are invalid: ${parsed.error.issues[0]?.message ?? ''}`);
    this.api = new Map(parsed.data.map((definition) => [definition.id, definition]));
    this.storedText = text;
  }
}

/** Every role a definition names (makers, approvers, escalation) that is not in `roles`, with where it is named. */
export function unknownRoles(
  definition: DecisionDefinition,
  roles: readonly string[],
): { path: string; role: string }[] {
  const known = new Set(roles);
  const found: { path: string; role: string }[] = [];
  definition.makers.roles.forEach((role, index) => {
    if (!known.has(role)) found.push({ path: `makers.roles[${index}]`, role });
  });
  const check = (names: readonly string[], path: string) =>
    names.forEach((entry, index) => {
      if (entry.startsWith('role:') && !known.has(entry.slice(5)))
        found.push({ path: `${path}[${index}]`, role: entry.slice(5) });
    });
  definition.risk.forEach((tier, index) => check(tier.approvers ?? [], `risk[${index}].approvers`));
  definition.escalation.forEach((group, index) => check(group, `escalation[${index}]`));
  return found;
}
