/** Builds every routed alias of the configuration once at start: router files read and compiled, rules compiled. */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { ModelConfig } from '../../config/index.js';
import { compileRouter } from '../offline/linear-router.js';
import { createLearnedPolicy } from './learned-policy.js';
import type { RoutedModel } from './routed-model.js';
import { createRulesPolicy } from './rules-policy.js';

export interface LoadRoutedModelsOptions {
  models: Readonly<Record<string, ModelConfig>>;
  /** Folder router files are relative to: podium.yaml's. */
  baseDir: string;
}

/** @throws Error naming the YAML path and the file when a router file is missing or not a router. */
export function loadRoutedModels(options: LoadRoutedModelsOptions): Map<string, RoutedModel> {
  const routed = new Map<string, RoutedModel>();
  for (const [alias, model] of Object.entries(options.models)) {
    const router = model.router;
    if (!router) continue;
    const at = `models.${alias}.router`;
    const aliases = [...new Set([...router.candidates, router.reference])];
    let decide: RoutedModel['decide'];
    if (router.policy === 'rules') decide = createRulesPolicy({ rules: router.rules ?? [], reference: router.reference });
    if (router.policy === 'learned') {
      const path = isAbsolute(router.file ?? '') ? (router.file ?? '') : resolve(options.baseDir, router.file ?? '');
      try {
        const compiled = compileRouter(JSON.parse(readFileSync(path, 'utf8')));
        decide = createLearnedPolicy({ compiled, aliases, modelNames: router.modelNames, maxQualityLoss: router.maxQualityLoss });
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
