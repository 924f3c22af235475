/** Cross-references of a model alias's cost-engine options: every alias they name must exist and be servable. */
import type { ModelConfig } from './config-schema.js';

/** One line per problem, each naming its YAML path. */
export function validateRouteOptions(
  alias: string,
  model: ModelConfig,
  models: Readonly<Record<string, ModelConfig>>,
): string[] {
  const at = `models.${alias}`;
  const problems: string[] = [];
  // A routed alias that routes to another routed alias would need nested decisions per call; keep one level.
  const servable = (name: string, path: string): void => {
    const target = models[name];
    if (!target) problems.push(`${path}: unknown model "${name}"`);
    else if (target.router) problems.push(`${path}: "${name}" is itself routed; candidates must have targets`);
  };
  const router = model.router;
  if (router) {
    if (model.targets.length > 0) problems.push(`${at}.targets: a routed model has a router or targets, not both`);
    router.candidates.forEach((candidate, index) => servable(candidate, `${at}.router.candidates[${index}]`));
    servable(router.reference, `${at}.router.reference`);
    if (router.policy === 'learned' && !router.file)
      problems.push(`${at}.router.file: required for policy learned (write one with \`podium route train\`)`);
    if (router.policy === 'rules' && !router.rules?.length)
      problems.push(`${at}.router.rules: required for policy rules`);
    router.rules?.forEach((rule, index) => {
      if (!router.candidates.includes(rule.use) && rule.use !== router.reference)
        problems.push(`${at}.router.rules[${index}].use: "${rule.use}" is not a candidate`);
      if (rule.when.pattern !== undefined && !isRegExp(rule.when.pattern))
        problems.push(`${at}.router.rules[${index}].when.pattern: not a valid regular expression`);
    });
    if (router.embedding !== undefined) {
      if (router.policy !== 'learned')
        problems.push(`${at}.router.embedding: only for policy learned (a router file trained with --embeddings)`);
      else if (router.embedding !== 'local') servable(router.embedding, `${at}.router.embedding`);
    }
    if (router.policy === 'cascade' && !router.verify)
      problems.push(`${at}.router.verify: required for policy cascade`);
    if (
      router.verify?.method === 'agreement' &&
      router.candidates.filter((candidate) => candidate !== router.reference).length < 2
    ) {
      problems.push(`${at}.router.verify.method: agreement needs two candidates cheaper than the reference`);
    }
    if (router.verify?.method === 'verifier') {
      if (router.verify.verifier) servable(router.verify.verifier, `${at}.router.verify.verifier`);
      else problems.push(`${at}.router.verify.verifier: required for method verifier`);
    }
    if (router.shadow?.grader === 'judge') {
      if (router.shadow.judge) servable(router.shadow.judge, `${at}.router.shadow.judge`);
      else problems.push(`${at}.router.shadow.judge: required for grader judge`);
    }
  }
  if (model.cache?.semantic && model.cache.semantic.embedding !== 'local')
    servable(model.cache.semantic.embedding, `${at}.cache.semantic.embedding`);
  const compression = model.compression;
  if (compression?.strategy === 'summarize') {
    if (compression.summarizer) servable(compression.summarizer, `${at}.compression.summarizer`);
    else problems.push(`${at}.compression.summarizer: required for strategy summarize`);
  }
  return problems;
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}
