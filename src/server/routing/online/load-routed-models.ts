/** Builds every routed alias of the configuration once at start: router files read and compiled, rules compiled. */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Embedder } from '../../embeddings/index.js';
import type { ModelConfig, RouterConfig } from '../../config/index.js';
import type { CompiledRouter } from '../learned-router/linear-router.js';
import { readRouterFile } from '../learned-router/router-file.js';
import { createLearnedPolicy } from './learned-policy.js';
import type { RoutedModel } from './routed-model.js';
import { createRulesPolicy } from './rules-policy.js';

export interface LoadRoutedModelsOptions {
  models: Readonly<Record<string, ModelConfig>>;
  /** Folder router files are relative to: podium.yaml's. */
  baseDir: string;
  /** Embedder per `router.embedding` setting (`local` or an embedding alias): main passes the response cache's selector. */
  embedder?: ((embedding: string) => Embedder) | undefined;
}

/**
 * @throws Error naming the YAML path and the file when a router file is missing or not a router, or
 * (`router.embedding`) when it was trained with embedding features and that embedder is not configured.
 */
export function loadRoutedModels(options: LoadRoutedModelsOptions): Map<string, RoutedModel> {
  const routed = new Map<string, RoutedModel>();
  for (const [alias, model] of Object.entries(options.models)) {
    const router = model.router;
    if (!router) continue;
    const at = `models.${alias}.router`;
    const aliases = [...new Set([...router.candidates, router.reference])];
    let decide: RoutedModel['decide'];
    if (router.policy === 'rules')
      decide = createRulesPolicy({ rules: router.rules ?? [], reference: router.reference });
    if (router.policy === 'learned') {
      const path = isAbsolute(router.file ?? '') ? (router.file ?? '') : resolve(options.baseDir, router.file ?? '');
      let compiled: CompiledRouter;
      try {
        compiled = readRouterFile(readFileSync(path, 'utf8'));
      } catch (error) {
        throw new Error(`${at}.file (${path}): ${(error as Error).message}`, { cause: error });
      }
      const embedder = routerEmbedder({ compiled, router, at, path, select: options.embedder });
      try {
        decide = createLearnedPolicy({
          compiled,
          aliases,
          modelNames: router.modelNames,
          maxQualityLoss: router.maxQualityLoss,
          embedder,
          reference: router.reference,
        });
      } catch (error) {
        throw new Error(`${at}.file (${path}): ${(error as Error).message}`, { cause: error });
      }
    }
    routed.set(alias, {
      alias,
      policy: router.policy,
      decide,
      candidates: router.candidates,
      reference: router.reference,
      verify: router.verify,
      shadow: router.shadow,
    });
  }
  return routed;
}

/** The embedder a router file trained with embedding features needs; undefined for a text-only file. */
function routerEmbedder(input: {
  compiled: CompiledRouter;
  router: RouterConfig;
  at: string;
  path: string;
  select: LoadRoutedModelsOptions['embedder'];
}): Embedder | undefined {
  const trained = input.compiled.router.embedding;
  if (trained === undefined) return undefined;
  const configured = input.router.embedding;
  if (configured === undefined) {
    throw new Error(
      `${input.at}.embedding: the router file ${input.path} was trained with embedding features (${trained.model}, ${trained.dimensions} dimensions); set embedding: ${trained.model}`,
    );
  }
  if (configured !== trained.model)
    throw new Error(
      `${input.at}.embedding: "${configured}", but the router file ${input.path} was trained with embeddings from "${trained.model}"`,
    );
  if (input.select === undefined)
    throw new Error(`${input.at}.embedding: no embedders available to load the router with`);
  return input.select(configured);
}
