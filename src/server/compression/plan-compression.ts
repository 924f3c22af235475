/**
 * Which messages to drop so a conversation fits its budget: the oldest first, in units that must go
 * together (a tool call and its results), never a pinned message (the system prompt), never one of
 * the last `keepLastMessages`. Once under budget, dropping goes on only until the conversation opens
 * with a user turn, so it never starts with an answer to a question that is gone. Pure: no I/O.
 */
import type { ConversationDialect, Message } from './conversation-dialect.js';
import { fixedTokens, messageTokens } from './prompt-tokens.js';

export interface CompressionPlan {
  dialect: ConversationDialect;
  body: Readonly<Record<string, unknown>>;
  messages: readonly Message[];
  /** Prompt tokens of each message, in order. */
  tokens: readonly number[];
  /** Prompt tokens of the request as it came. */
  tokensBefore: number;
  /** Indexes of the messages to drop, oldest first; empty when the request fits (or nothing may go). */
  dropped: readonly number[];
}

export interface PlanCompressionInput {
  body: Readonly<Record<string, unknown>>;
  dialect: ConversationDialect;
  maxInputTokens: number;
  keepLastMessages: number;
  /** Tokens that will be added back (a summary): dropping continues until they fit too. */
  reserveTokens?: number;
}

interface Unit {
  start: number;
  end: number;
  tokens: number;
  pinned: boolean;
  opensTurn: boolean;
}

function unitsOf(messages: readonly Message[], tokens: readonly number[], dialect: ConversationDialect): Unit[] {
  const units: Unit[] = [];
  messages.forEach((message, index) => {
    const previous = units.at(-1);
    const pinned = dialect.pinned(message);
    const size = tokens[index] ?? 0;
    if (!pinned && previous && !previous.pinned && dialect.continues(message)) {
      previous.end = index + 1;
      previous.tokens += size;
      return;
    }
    units.push({ start: index, end: index + 1, tokens: size, pinned, opensTurn: dialect.opensTurn(message) });
  });
  return units;
}

const isMessage = (value: unknown): value is Message =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Plans the drop; the body is not changed (see applyCompression). */
export function planCompression(input: PlanCompressionInput): CompressionPlan {
  const messages = Array.isArray(input.body.messages) ? (input.body.messages as unknown[]).filter(isMessage) : [];
  const tokens = messages.map(messageTokens);
  const tokensBefore = fixedTokens(input.body) + tokens.reduce((sum, value) => sum + value, 0);
  const plan = { dialect: input.dialect, body: input.body, messages, tokens, tokensBefore };
  if (tokensBefore <= input.maxInputTokens) return { ...plan, dropped: [] };

  const protectedFrom = messages.length - input.keepLastMessages;
  const reserve = input.reserveTokens ?? 0;
  const dropped: number[] = [];
  let total = tokensBefore;
  const units = unitsOf(messages, tokens, input.dialect);
  // Whatever the settings, a conversation keeps at least its last exchange.
  const last = units.findLast((unit) => !unit.pinned);
  for (const unit of units) {
    if (unit.pinned) continue;
    if (unit.end > protectedFrom || unit === last) break;
    if (total + reserve <= input.maxInputTokens && unit.opensTurn) break;
    for (let index = unit.start; index < unit.end; index += 1) dropped.push(index);
    total -= unit.tokens;
  }
  return { ...plan, dropped };
}
