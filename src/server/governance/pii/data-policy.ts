/**
 * Decides, per data class, what a call may do with personal data, from the global section and the
 * alias's override. Most specific first:
 *   alias × provider → alias class → provider → global class → alias default → global default.
 * Resolved action tables are cached per (alias, providers): the request path does one Map lookup.
 */
import { dataClasses, type DataClass } from './data-class.js';
import type {
  ClassActionsConfig,
  DataAction,
  DataProtectionConfig,
  ModelDataProtectionConfig,
} from '../../../contract/index.js';

export type ClassActions = Readonly<Record<DataClass, DataAction>>;

/** The actions for a request that may reach several providers, and which provider made a class blocked. */
export interface RequestActions {
  actions: ClassActions;
  blockedBy: Readonly<Partial<Record<DataClass, string>>>;
}

export interface DataPolicyOptions {
  /** The parsed `dataProtection:` section. */
  global: DataProtectionConfig;
  /** `models.<alias>.dataProtection` per alias (absent: no override). */
  aliases?: Readonly<Record<string, ModelDataProtectionConfig | undefined>>;
}

const strictness: Readonly<Record<DataAction, number>> = { allow: 0, redact: 1, block: 2 };

export class DataPolicy {
  private readonly cache = new Map<string, RequestActions>();

  constructor(private readonly options: DataPolicyOptions) {}

  /** The actions for calls of `alias` served by `provider`. */
  actionsFor(input: { alias: string | undefined; provider: string }): ClassActions {
    const override = input.alias === undefined ? undefined : this.options.aliases?.[input.alias];
    const global = this.options.global;
    const layers: (ClassActionsConfig | undefined)[] = [
      override?.providers?.[input.provider],
      override?.classes,
      global.providers[input.provider],
      global.classes,
    ];
    const fallback = override?.default ?? global.default;
    const actions = {} as Record<DataClass, DataAction>;
    for (const dataClass of dataClasses)
      actions[dataClass] = layers.find((layer) => layer?.[dataClass] !== undefined)?.[dataClass] ?? fallback;
    return actions;
  }

  /**
   * The actions for a call that may reach any of `providers` (after a fallback, or by weight) under
   * any of `aliases` (the alias asked for and, for a routed alias, the one chosen): the strictest
   * per class, so data never reaches a provider that may not have it.
   */
  forCall(input: { aliases: readonly string[]; providers: readonly string[] }): RequestActions {
    const key = `${input.aliases.join('\u0000')}\u0001${input.providers.join('\u0000')}`;
    let resolved = this.cache.get(key);
    if (resolved === undefined) {
      resolved = this.strictest(input);
      this.cache.set(key, resolved);
    }
    return resolved;
  }

  /** Whether answers are scanned: yes unless every alias involved (or the global section) says no. */
  scansResponses(aliases: readonly string[]): boolean {
    if (aliases.length === 0) return this.options.global.responses;
    return aliases.some((alias) => this.options.aliases?.[alias]?.responses ?? this.options.global.responses);
  }

  private strictest(input: { aliases: readonly string[]; providers: readonly string[] }): RequestActions {
    const actions = {} as Record<DataClass, DataAction>;
    const blockedBy: Partial<Record<DataClass, string>> = {};
    const aliases = input.aliases.length === 0 ? [undefined] : input.aliases;
    const providers = input.providers.length === 0 ? [''] : input.providers;
    const combinations = aliases.flatMap((alias) =>
      providers.map((provider) => ({ provider, actions: this.actionsFor({ alias, provider }) })),
    );
    for (const dataClass of dataClasses) {
      let strictest: DataAction = 'allow';
      for (const entry of combinations) {
        const action = entry.actions[dataClass];
        if (strictness[action] > strictness[strictest]) strictest = action;
        if (action === 'block' && blockedBy[dataClass] === undefined && entry.provider !== '')
          blockedBy[dataClass] = entry.provider;
      }
      actions[dataClass] = strictest;
    }
    return { actions, blockedBy };
  }
}
