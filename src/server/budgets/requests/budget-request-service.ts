/**
 * Budget requests: a team asks for a higher limit or a new budget, a designated approver grants or denies,
 * and a grant changes the budget through the engine. Every request and decision stays in the store.
 */
import {
  PodiumError,
  type BudgetDefinition,
  type BudgetRequest,
  type BudgetRequestFacts,
  type CreateBudgetRequest,
} from '../../../contract/index.js';
import type { BudgetRequestRepository } from './budget-request-repository.js';
import type { BudgetAdmin } from '../budget-admin.js';

export interface BudgetRequestServiceOptions {
  repository: BudgetRequestRepository;
  admin: Pick<BudgetAdmin, 'get' | 'upsert'>;
  /**
   * The names allowed to decide a request. Absent: anyone holding the admin key, who names themselves as
   * `approver` (recorded, not verified). Present: only the names returned; an empty list means nobody.
   */
  approvers?: ((request: BudgetRequest) => readonly string[]) | undefined;
  /**
   * Asked before a request is filed (Cedar `budget.request` when policies are configured: main.ts wires
   * it, so budgets never depends on governance). Throws to refuse; resolves with warnings to pass on.
   */
  authorize?: BudgetRequestAuthorizer | undefined;
}

/** A request about to be filed, as the authorizer sees it. */
export type BudgetRequestAuthorizer = (facts: BudgetRequestFacts) => Promise<{ warnings: string[] }>;

/** A filed request, and what the caller should be told besides (a log-only policy denial). */
export interface FiledBudgetRequest {
  request: BudgetRequest;
  warnings: string[];
}

/** Who decides and why; the comment is kept with the decision. */
export interface BudgetDecisionInput {
  approver: string;
  comment?: string | undefined;
}

export class BudgetRequestService {
  constructor(private readonly options: BudgetRequestServiceOptions) {}

  /**
   * Files a request: either `budgetId` (a higher limit for an existing budget: `amount` is the new limit, and
   * must be above the current one) or `allocation` (a new budget, created with `limit` = `amount`).
   * @throws PodiumError `invalid_request`, `not_found` (unknown budget) or `conflict` (allocation id taken).
   */
  async create(input: CreateBudgetRequest): Promise<BudgetRequest> {
    return (await this.file(input)).request;
  }

  /**
   * `create`, with the authorizer's warnings. Checked first, then authorized, then stored: a refused request
   * leaves no row (the refusal is on the audit trail).
   * @throws as `create`, and whatever the authorizer throws (`policy_denied`, `audit_unavailable`).
   */
  async file(input: CreateBudgetRequest): Promise<FiledBudgetRequest> {
    const { budgetId, allocation } = input;
    if (budgetId !== undefined && allocation !== undefined) {
      throw new PodiumError(
        'invalid_request',
        'give either budgetId (raise an existing budget) or allocation (a new one), not both',
        { param: 'allocation' },
      );
    }
    let facts: BudgetRequestFacts;
    if (allocation !== undefined) {
      this.assertFree(allocation.id, 'allocation.id');
      facts = {
        requestedBy: input.requestedBy,
        kind: 'allocation',
        budget: { ...allocation, limit: input.amount },
        amount: input.amount,
        currentLimit: undefined,
      };
    } else if (budgetId === undefined) {
      throw new PodiumError('invalid_request', 'give budgetId (raise an existing budget) or allocation (a new one)', {
        param: 'budgetId',
      });
    } else {
      const raised = this.raisedDefinition({ budgetId, amount: input.amount, when: 'create' });
      // raisedDefinition has checked it exists; the fallback only satisfies the type.
      const current = this.options.admin.get(budgetId)?.definition ?? raised;
      facts = {
        requestedBy: input.requestedBy,
        kind: 'raise',
        budget: current,
        amount: input.amount,
        currentLimit: current.limit,
      };
    }
    const { warnings } = (await this.options.authorize?.(facts)) ?? { warnings: [] };
    const request = await this.options.repository.create({
      budgetId: budgetId ?? null,
      // Stored as it will be created, so the history shows exactly what a grant does.
      allocation: allocation === undefined ? null : { ...allocation, limit: input.amount },
      amount: input.amount,
      requestedBy: input.requestedBy,
      justification: input.justification,
      expectedValue: input.expectedValue ?? null,
    });
    return { request, warnings };
  }

  /** Newest first. */
  list(filter: { state?: BudgetRequest['state'] | undefined } = {}): Promise<BudgetRequest[]> {
    return this.options.repository.list(filter);
  }

  /**
   * Grants a pending request and applies it: the budget's limit becomes `amount`, or the allocation is created.
   * The decision is taken first (atomically, so two approvers cannot both act); if applying it fails, the
   * request goes back to pending and the error is thrown.
   * @throws PodiumError `not_found`, `permission_denied` (param `approver`) or `conflict` (already decided, or
   * the budget changed since the request).
   */
  async grant(id: string, decision: BudgetDecisionInput): Promise<BudgetRequest> {
    const request = await this.pending(id, decision.approver);
    if (request.allocation !== null) this.assertFree(request.allocation.id, 'id');
    const definition =
      request.allocation ??
      this.raisedDefinition({ budgetId: request.budgetId ?? '', amount: request.amount, when: 'grant' });
    const granted = await this.options.repository.decide(id, {
      state: 'granted',
      decidedBy: decision.approver,
      comment: decision.comment ?? null,
    });
    try {
      await this.options.admin.upsert(definition);
    } catch (error) {
      await this.options.repository.reopen(id, 'granted');
      throw error;
    }
    return granted;
  }

  /** Denies a pending request; nothing else changes. Throws as `grant` does. */
  async deny(id: string, decision: BudgetDecisionInput): Promise<BudgetRequest> {
    await this.pending(id, decision.approver);
    return this.options.repository.decide(id, {
      state: 'denied',
      decidedBy: decision.approver,
      comment: decision.comment ?? null,
    });
  }

  private async pending(id: string, approver: string): Promise<BudgetRequest> {
    const request = await this.options.repository.get(id);
    if (request === undefined) throw new PodiumError('not_found', `budget request "${id}" not found`, { param: 'id' });
    if (request.state !== 'pending') {
      throw new PodiumError(
        'conflict',
        `budget request "${id}" was already ${request.state} by ${request.decidedBy ?? 'someone'}`,
        { param: 'id' },
      );
    }
    const allowed = this.options.approvers?.(request);
    if (allowed !== undefined && !allowed.includes(approver)) {
      const who = allowed.length === 0 ? 'nobody is designated' : `approvers: ${allowed.join(', ')}`;
      throw new PodiumError('permission_denied', `"${approver}" may not decide budget request "${id}" (${who})`, {
        param: 'approver',
      });
    }
    return request;
  }

  /**
   * The existing budget with its limit raised to `amount`. Filing, a bad budget or amount is the caller's
   * mistake; granting, the budget was removed or raised since the request was filed.
   */
  private raisedDefinition(options: { budgetId: string; amount: number; when: 'create' | 'grant' }): BudgetDefinition {
    const { budgetId, amount, when } = options;
    const entry = this.options.admin.get(budgetId);
    if (entry === undefined) {
      if (when === 'grant') throw new PodiumError('conflict', `budget "${budgetId}" no longer exists`, { param: 'id' });
      throw new PodiumError('not_found', `budget "${budgetId}" does not exist`, { param: 'budgetId' });
    }
    if (amount <= entry.definition.limit) {
      const message = `amount is the new limit: ${amount} is not above the current limit of budget "${budgetId}" (${entry.definition.limit})`;
      throw when === 'grant'
        ? new PodiumError('conflict', message, { param: 'id' })
        : new PodiumError('invalid_request', message, { param: 'amount' });
    }
    return { ...entry.definition, limit: amount };
  }

  private assertFree(budgetId: string, param: string): void {
    if (this.options.admin.get(budgetId) !== undefined) {
      throw new PodiumError('conflict', `budget "${budgetId}" already exists: ask for a higher limit with budgetId`, {
        param,
      });
    }
  }
}
