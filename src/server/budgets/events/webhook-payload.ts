/** The body a webhook receives: the event itself, or a Slack-compatible message. */
import type { BudgetEvent, WebhookFormat } from '../../../contract/index.js';
import { describeBudgetEvent, type BudgetFacts } from './describe-budget-event.js';

/** Slack mrkdwn treats these three as control characters; everything else is literal. */
const escapeMrkdwn = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/**
 * `json`: the event as the API lists it. `slack`: `{ text, blocks }` as Slack incoming webhooks (and the
 * Mattermost and Discord `/slack` endpoints) accept it; `text` is the notification fallback.
 */
export function webhookPayload(options: {
  event: BudgetEvent;
  format: WebhookFormat;
  facts: BudgetFacts | undefined;
}): unknown {
  const { event, format, facts } = options;
  if (format === 'json') return event;
  // Slack formats the top-level `text` as mrkdwn too, so both are escaped.
  const text = escapeMrkdwn(describeBudgetEvent(event, facts));
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  // The engine's own message often says more (which tier, what happens next); shown small under the summary.
  if (event.message !== '' && escapeMrkdwn(event.message) !== text) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(event.message) }] });
  }
  return { text, blocks };
}
