/**
 * Model aliases (what clients ask for) resolved to ordered provider targets, prices attached once
 * at start so the request path does no lookups beyond a Map get.
 */
import { PodiumError } from '../../contract/index.js';
import type { FileConfig, Price } from '../config/index.js';
import type { PriceTable } from '../pricing/index.js';
import type { Provider } from '../providers/index.js';

export interface ResolvedTarget {
  provider: Provider;
  /** The provider's model (or deployment) id. */
  model: string;
  weight: number;
  /** Time allowed for the response headers. */
  timeoutMs: number;
  /** Time allowed between two body chunks after the headers; default `timeoutMs`. */
  idleTimeoutMs?: number | undefined;
  price: Price | undefined;
}

export interface ResolvedRoute {
  alias: string;
  strategy: 'fallback' | 'weighted';
  targets: readonly ResolvedTarget[];
}

export interface CatalogEntry {
  id: string;
  ownedBy: string;
  targets: readonly { provider: string; model: string }[];
  priced: boolean;
}

/** Targets in the order to try them: listed order, or one picked by weight followed by the rest. */
export function orderTargets(route: ResolvedRoute, random: () => number = Math.random): readonly ResolvedTarget[] {
  if (route.strategy === 'fallback' || route.targets.length < 2) return route.targets;
  const total = route.targets.reduce((sum, target) => sum + target.weight, 0);
  let pick = random() * total;
  const index = route.targets.findIndex((target) => (pick -= target.weight) < 0);
  const first = index === -1 ? route.targets.length - 1 : index;
  return [route.targets[first] as ResolvedTarget, ...route.targets.filter((_, position) => position !== first)];
}

/** Distinct `provider/model` routes memoised; callers choose these names, so the set is bounded. */
export const maxDirectRoutes = 1_000;

export class ModelCatalog {
  private readonly routes = new Map<string, ResolvedRoute>();
  private directRoutes = 0;

  constructor(
    private readonly config: Pick<FileConfig, 'models'> & {
      gateway: Pick<FileConfig['gateway'], 'timeoutMs' | 'idleTimeoutMs'>;
      providers: Readonly<Record<string, { timeoutMs?: number | undefined; idleTimeoutMs?: number | undefined }>>;
    },
    private readonly providers: ReadonlyMap<string, Provider>,
    private readonly prices: PriceTable,
  ) {
    for (const [alias, model] of Object.entries(config.models)) {
      this.routes.set(alias, {
        alias,
        strategy: model.strategy,
        // The alias's price describes its primary target: a fallback is priced as what it is (see docs/configuration.md).
        targets: model.targets.map((target, index) => this.target(index === 0 ? alias : undefined, target)),
      });
    }
  }

  /**
   * Resolves what the client asked for: a configured alias, or `provider/model` to address a
   * provider's model directly (priced from the pricing table).
   */
  resolve(requested: string): ResolvedRoute {
    const route = this.routes.get(requested);
    if (route) return route;
    const slash = requested.indexOf('/');
    if (slash > 0 && this.providers.has(requested.slice(0, slash))) {
      const direct: ResolvedRoute = {
        alias: requested,
        strategy: 'fallback',
        targets: [
          this.target(undefined, { provider: requested.slice(0, slash), model: requested.slice(slash + 1), weight: 1 }),
        ],
      };
      // `provider/<anything>` is the caller's string: memoise a bounded number of them, build the rest per call.
      if (this.directRoutes < maxDirectRoutes) {
        this.directRoutes += 1;
        this.routes.set(requested, direct);
      }
      return direct;
    }
    const shown = requested.length > 200 ? `${requested.slice(0, 200)}…` : requested;
    throw new PodiumError('model_not_found', `The model \`${shown}\` does not exist or you do not have access to it.`, {
      param: 'model',
    });
  }

  /** Every alias, for /v1/models and the admin API. */
  list(): CatalogEntry[] {
    return Object.entries(this.config.models).map(([id, model]) => ({
      id,
      ownedBy: model.targets[0]?.provider ?? 'podium',
      targets: model.targets.map((target) => ({ provider: target.provider, model: target.model })),
      priced: (this.routes.get(id)?.targets ?? []).every((target) => target.price !== undefined),
    }));
  }

  private target(
    alias: string | undefined,
    target: {
      provider: string;
      model: string;
      weight: number;
      timeoutMs?: number | undefined;
      idleTimeoutMs?: number | undefined;
      price?: Price | undefined;
    },
  ): ResolvedTarget {
    const provider = this.providers.get(target.provider);
    if (!provider) throw new Error(`unknown provider ${target.provider} (config validation should have caught it)`);
    const providerConfig = this.config.providers[target.provider];
    const timeoutMs = target.timeoutMs ?? providerConfig?.timeoutMs ?? this.config.gateway.timeoutMs;
    return {
      provider,
      model: target.model,
      weight: target.weight,
      timeoutMs,
      idleTimeoutMs:
        target.idleTimeoutMs ?? providerConfig?.idleTimeoutMs ?? this.config.gateway.idleTimeoutMs ?? timeoutMs,
      price: target.price ?? this.prices.lookup({ alias, servedModel: target.model }),
    };
  }
}
