/**
 * Composition of governance (a part of the composition root, kept out of main.ts for size): Cedar policies
 * and their reloader, budget requests, approvals and their links, and decisions. Everything decided here
 * goes to the audit trail, which is started before.
 */
import type { Organization } from '../contract/index.js';
import { BudgetRequestService, createBudgetRequestRepository, type BudgetEngine } from './budgets/index.js';
import type { PodiumConfig } from './config/index.js';
import { createPolicyReloader } from './create-policy-reloader.js';
import {
  ApprovalService,
  createApprovalLinks,
  createApprovalNotifier,
  createApprovalRepository,
  retireStoredLinkSecret,
  type ApprovalLinks,
} from './governance/approvals/index.js';
import type { AuditLog } from './governance/audit/index.js';
import { createAuthorityAudit, DecisionRegistry, DecisionService } from './governance/decisions/index.js';
import {
  authorizeBudgetRequest,
  loadPolicies,
  PolicyCheck,
  PolicyEngine,
  type CedarFieldType,
  type PolicyReloader,
} from './governance/policies/index.js';
import type { OutboundGuard } from './outbound/index.js';
import type { ServerSecret } from './secrets/index.js';
import { createSettingsRepository, type SqlClient } from './store/index.js';
import type { Metrics } from './telemetry/index.js';

export interface StartGovernanceOptions {
  config: PodiumConfig;
  /** podium.yaml's directory: policy files resolve from here. */
  configDir: string;
  env: NodeJS.ProcessEnv;
  store: SqlClient;
  secret: ServerSecret;
  metrics: Metrics;
  outbound: OutboundGuard;
  organization: Organization;
  budgets: BudgetEngine;
  auditLog: AuditLog;
  clock: () => Date;
  log: (line: string) => void;
  /**
   * The tool argument fields `tool.call` policies are validated against (`context.arguments`): read at every
   * load, so a reload after the tool catalog changes types the new tools' arguments.
   */
  toolArguments?: (() => Readonly<Record<string, CedarFieldType>>) | undefined;
}

export interface StartedGovernance {
  /** One check for every action (model calls, proposals, budget requests); undefined without policies. */
  policyCheck: PolicyCheck | undefined;
  policyReloader: PolicyReloader | undefined;
  /**
   * Loads the policies again with the current tool argument fields (the tool catalog changed); the previous set
   * stays in force if the new one is rejected. Nothing to do without policies.
   */
  reloadForTools(): Promise<void>;
  budgetRequests: BudgetRequestService;
  approvals: ApprovalService;
  approvalLinks: ApprovalLinks;
  decisions: DecisionRegistry;
  decisionService: DecisionService;
  /** Stops the reloader, the SIGHUP handler, decisions and approvals. */
  close(): Promise<void>;
}

/** Builds and starts policies, budget requests, approvals and decisions. */
export async function startGovernance(options: StartGovernanceOptions): Promise<StartedGovernance> {
  const { config, configDir, store, secret, metrics, outbound, organization, budgets, auditLog, clock, log } = options;
  const audit = createAuthorityAudit({ append: (input) => auditLog.append(input) });
  const policyEngine = config.policies
    ? new PolicyEngine({
        policies: loadPolicies({
          files: config.policies.files,
          texts: config.policies.inline,
          baseDir: configDir,
          decisions: config.decisions.definitions,
          toolArguments: options.toolArguments?.(),
        }),
      })
    : undefined;
  // One check for every action (model calls, proposals, budget requests); denials go to the audit trail.
  const policyCheck =
    policyEngine &&
    new PolicyCheck({
      engine: policyEngine,
      mode: config.policies?.mode ?? 'enforce',
      metrics,
      roles: config.roles,
      onDeny: (denial) => audit.recordPolicyDenial(denial),
    });
  const approvers = config.budgets.approvers;
  const budgetRequests = new BudgetRequestService({
    repository: createBudgetRequestRepository(store),
    admin: budgets,
    ...(approvers ? { approvers: () => approvers } : {}),
    ...(policyCheck ? { authorize: authorizeBudgetRequest({ check: policyCheck, tenant: organization.id }) } : {}),
  });

  if (await retireStoredLinkSecret(createSettingsRepository(store))) {
    log(
      'podium: deleted the approval-link key earlier releases kept in the database; links sent before this start no longer work (send them again)',
    );
  }
  const approvalLinks = createApprovalLinks({
    secret: secret.derive('approval-links'),
    publicUrl: config.approvals.publicUrl,
    ttlMs: config.approvals.linkTtlMs,
    now: clock,
  });
  const approvals = new ApprovalService({
    records: createApprovalRepository(store),
    now: clock,
    notifier: createApprovalNotifier({
      webhooks: config.approvals.webhooks,
      links: approvalLinks,
      fetch: outbound.fetch,
    }),
    remindAfterMs: config.approvals.reminderAfterMs,
    sweepIntervalMs: config.approvals.sweepIntervalMs,
    onOutcome: (approval) => audit.recordApproval(approval),
    onError: (error) => log(`podium: approvals: ${(error as Error).message}`),
  });
  approvals.start();
  const decisions = new DecisionRegistry({
    configured: config.decisions.definitions,
    settings: createSettingsRepository(store),
    roles: Object.keys(config.roles),
    onError: (error) => log(`podium: decisions: ${(error as Error).message}`),
  });
  await decisions.start();
  const policyReloader =
    policyCheck && config.source
      ? createPolicyReloader({
          config,
          source: config.source,
          check: policyCheck,
          decisions,
          env: options.env,
          metrics,
          log,
          audit: (input) => auditLog.append({ tenant: organization.id, ...input }),
          toolArguments: options.toolArguments,
        })
      : undefined;
  await policyReloader?.start();
  // SIGHUP reloads policies at once, as the usual daemon convention (and the file check within its interval).
  const onHangup = (): void => void policyReloader?.reload('signal');
  if (policyReloader) process.on('SIGHUP', onHangup);
  const decisionService = new DecisionService({
    definitions: (id) => decisions.get(id),
    approvals,
    policies: policyCheck,
    record: (record) => audit.recordDecision(record),
    roles: config.roles,
    now: clock,
    checkCallbackUrl: (url) => outbound.check(url, 'callbackUrl'),
  });

  // Without podium.yaml there is no reloader: the configuration given at start is loaded again with the new fields.
  const reloadForTools = async (): Promise<void> => {
    if (policyReloader) {
      await policyReloader.reload('tools');
      return;
    }
    if (!policyCheck || !config.policies) return;
    try {
      const policies = loadPolicies({
        files: config.policies.files,
        texts: config.policies.inline,
        baseDir: configDir,
        decisions: config.decisions.definitions,
        toolArguments: options.toolArguments?.(),
      });
      policyCheck.replace({ engine: new PolicyEngine({ policies }), mode: config.policies.mode });
    } catch (error) {
      log(`podium: policy reload (tools) rejected, the previous policies stay in force: ${(error as Error).message}`);
    }
  };

  return {
    policyCheck,
    policyReloader,
    reloadForTools,
    budgetRequests,
    approvals,
    approvalLinks,
    decisions,
    decisionService,
    async close() {
      decisions.close();
      policyReloader?.close();
      process.off('SIGHUP', onHangup);
      await approvals.close();
    },
  };
}
