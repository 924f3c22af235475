/**
 * Composition of policy reloading: re-reads podium.yaml (and the policy and decision files it names), builds
 * and validates the new policy set, and swaps it in together with the file-defined decisions. Only
 * `policies` and `decisions` take effect without a restart; every other section is read at start only.
 */
import { dirname } from 'node:path';
import type { AuditEntryInput } from './governance/audit/index.js';
import type { DecisionRegistry } from './governance/decisions/index.js';
import { loadConfig, watchedConfigFiles, type PodiumConfig } from './config/index.js';
import {
  loadPolicies,
  PolicyEngine,
  PolicyReloader,
  type CedarFieldType,
  type PolicyCheck,
} from './governance/policies/index.js';
import type { Metrics } from './telemetry/index.js';

export interface CreatePolicyReloaderOptions {
  config: PodiumConfig;
  /** podium.yaml's path (reloading needs a file). */
  source: string;
  check: PolicyCheck;
  decisions: Pick<DecisionRegistry, 'replaceConfigured'>;
  /** The environment `${VAR}` references in podium.yaml are read from. */
  env: NodeJS.ProcessEnv;
  metrics: Metrics;
  log: (line: string) => void;
  /** Appends to the organisation's audit chain. */
  audit: (input: Omit<AuditEntryInput, 'tenant'>) => Promise<unknown>;
  /** The tool catalog's argument fields now (`context.arguments` of `tool.call`). */
  toolArguments?: (() => Readonly<Record<string, CedarFieldType>>) | undefined;
}

/** Most of a rejected reload's reason kept on the audit trail and in the log. */
const maxReasonLength = 2_000;

export function createPolicyReloader(options: CreatePolicyReloaderOptions): PolicyReloader {
  const { source, log } = options;
  return new PolicyReloader({
    check: options.check,
    files: watchedConfigFiles(options.config),
    intervalMs: options.config.policies?.reloadIntervalMs ?? 2_000,
    metrics: options.metrics,
    async load() {
      const next = await loadConfig({ env: { ...options.env, PODIUM_CONFIG: source }, cwd: dirname(source) });
      // An empty set denies everything: dropping the section is a change of mode, made by a restart.
      if (!next.policies)
        throw new Error('podium.yaml no longer has a policies section: restart to run without policies');
      const policies = loadPolicies({
        files: next.policies.files,
        texts: next.policies.inline,
        baseDir: dirname(source),
        decisions: next.decisions.definitions,
        toolArguments: options.toolArguments?.(),
      });
      return {
        engine: new PolicyEngine({ policies }),
        mode: next.policies.mode,
        files: watchedConfigFiles(next),
        apply: () => options.decisions.replaceConfigured(next.decisions.definitions),
      };
    },
    onOutcome(outcome) {
      const reason = outcome.ok ? undefined : outcome.error.slice(0, maxReasonLength);
      log(
        outcome.ok
          ? `podium: policies reloaded (${outcome.trigger}): ${outcome.policies} policies in force`
          : `podium: policy reload (${outcome.trigger}) rejected, the previous policies stay in force: ${reason ?? ''}`,
      );
      options
        .audit({
          kind: 'config',
          actor: 'system',
          subject: 'policies',
          payload: outcome.ok
            ? { ...outcome, outcome: 'applied' }
            : { trigger: outcome.trigger, outcome: 'rejected', reason },
        })
        .catch((error: unknown) => log(`podium: audit append failed (policy reload): ${(error as Error).message}`));
    },
  });
}
