/**
 * Redaction of answer text under the policy of the provider that served it. In answers `block`
 * acts as `redact`: the answer is already generated and paid for, and refusing it mid-stream would
 * leave the client with half a response; the value is still kept from the client.
 */
import type { ClassActions } from './data-policy.js';
import type { FindingTally } from './finding-tally.js';
import { findPii } from './find-pii.js';
import type { PiiSpan } from './pii-span.js';
import type { RedactionSession } from './redaction-session.js';

export interface AnswerRedactorOptions {
  session: RedactionSession;
  /** Resolved on first use: the serving provider is known only once the answer starts. */
  actions: () => ClassActions;
  tally: FindingTally;
}

export class AnswerRedactor {
  private resolved: ClassActions | undefined;

  constructor(private readonly options: AnswerRedactorOptions) {}

  /** Scans and redacts a complete text; `count: false` for text whose findings were already counted. */
  redact(text: string, count: boolean): string {
    return this.apply(text, { spans: findPii(text), count });
  }

  /** Redacts `spans` (found by the caller, sorted) in `text`, counting each. */
  apply(text: string, found: { spans: readonly PiiSpan[]; count: boolean }): string {
    if (found.spans.length === 0) return text;
    const actions = (this.resolved ??= this.options.actions());
    const redacted: PiiSpan[] = [];
    for (const span of found.spans) {
      const allowed = actions[span.dataClass] === 'allow';
      if (!allowed) redacted.push(span);
      if (found.count) this.options.tally.add(span.dataClass, allowed ? 'allowed' : 'redacted');
    }
    return this.options.session.replace(text, redacted);
  }
}
