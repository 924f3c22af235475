/**
 * The `summarize` strategy's model call: the dropped messages as a plain transcript, sent to the
 * summarizer alias as an internal call through the whole pipeline (same key, budgets and ledger).
 * The request is OpenAI chat whatever the caller's surface: the summarizer can be any provider.
 */
import {
  answerText,
  readAnswer,
  runInternalCall,
  type Gateway,
  type GatewayCall,
  type UpstreamChatCodec,
} from '../gateway/index.js';
import type { ConversationDialect, Message } from './conversation-dialect.js';

export interface SummarizeMessagesInput {
  gateway: Gateway;
  parent: GatewayCall;
  /** The summarizer alias. */
  alias: string;
  dialect: ConversationDialect;
  messages: readonly Message[];
  maxTokens: number;
  /** Reads the OpenAI chat answer. */
  reader: UpstreamChatCodec;
}

export type SummaryOutcome = { ok: true; text: string } | { ok: false; reason: string };

const instructions =
  'You condense the earlier part of a conversation so it can continue without it. Keep every fact, number, name, ' +
  'identifier, decision, constraint and open question the assistant may need later; drop pleasantries. Write plain text, no preamble.';

/** Never throws: a failed summary is reported so the caller can fall back to dropping. */
export async function summarizeMessages(input: SummarizeMessagesInput): Promise<SummaryOutcome> {
  const transcript = input.messages.map((message) => input.dialect.transcript(message)).join('\n\n');
  const { response } = await runInternalCall(input.gateway, {
    parent: input.parent,
    kind: 'summarize',
    surface: 'openai-chat',
    body: {
      model: input.alias,
      max_tokens: input.maxTokens,
      messages: [
        { role: 'system', content: instructions },
        {
          role: 'user',
          content: `Summarize this earlier part of a conversation in at most ${Math.round(input.maxTokens * 0.7)} words:\n\n${transcript}`,
        },
      ],
    },
  });
  if (response.error) return { ok: false, reason: response.error.message };
  const answer = readAnswer(response, input.reader);
  const text = answer === undefined ? '' : answerText(answer).trim();
  return text.length > 0 ? { ok: true, text } : { ok: false, reason: 'the summarizer returned no text' };
}
