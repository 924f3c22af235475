/**
 * What one server-sent event of an answer stream means for redaction, per client surface: a piece
 * of answer text (a delta, which may be held back and re-cut), the answer text repeated whole
 * (Responses' `*.done` and `response.completed` events, redacted in place), a keep-alive that may
 * overtake held text, or anything else (before which held text is released).
 */
import type { Surface } from '../../../contract/index.js';
import { outputTextParts, responseOutputTexts } from './answer-texts.js';
import type { TextSlot } from './request-texts.js';

export type StreamTextEvent =
  | { kind: 'other' }
  | { kind: 'keep-alive' }
  | {
      kind: 'delta';
      json: Record<string, unknown>;
      /** Deltas of one channel (a choice, a content block) join into one text. */
      channel: string;
      text: string;
      /** The channel's text ends with this event (a finish reason in the same chunk). */
      ends: boolean;
      /** Replaces the event's text in `json`. */
      write: (text: string) => void;
    }
  | {
      kind: 'whole';
      json: Record<string, unknown>;
      slots: TextSlot[];
      /** False when the text repeats deltas already counted (Responses' `*.done` events). */
      count: boolean;
    };

const other: StreamTextEvent = { kind: 'other' };
const keepAlive: StreamTextEvent = { kind: 'keep-alive' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Classifies one event's data on `surface`; unparseable data (`[DONE]`) is `other`. */
export function classifyStreamEvent(surface: Surface, data: string): StreamTextEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return other;
  }
  if (!isRecord(json)) return other;
  if (surface === 'openai-chat') return openAIChatChunk(json);
  if (surface === 'anthropic-messages') return anthropicEvent(json);
  if (surface === 'openai-responses') return responsesEvent(json);
  return other;
}

function openAIChatChunk(json: Record<string, unknown>): StreamTextEvent {
  const choices = Array.isArray(json.choices) ? json.choices.filter(isRecord) : [];
  const withText = choices.filter(
    (choice) => isRecord(choice.delta) && typeof choice.delta.content === 'string' && choice.delta.content !== '',
  );
  if (withText.length === 0)
    return choices.length > 0 &&
      choices.every((choice) => isRecord(choice.delta) && choice.delta.content === '' && choice.finish_reason == null)
      ? keepAlive
      : other;
  // Several choices in one chunk is rare (n > 1 usually sends one chunk per choice): redact each whole.
  if (withText.length > 1) {
    const slots = withText.map((choice, index): TextSlot => {
      const delta = choice.delta as Record<string, unknown>;
      return { path: `choices.${index}.delta.content`, text: delta.content as string, owner: delta, key: 'content' };
    });
    return { kind: 'whole', json, slots, count: true };
  }
  const choice = withText[0] as Record<string, unknown>;
  const delta = choice.delta as Record<string, unknown>;
  return {
    kind: 'delta',
    json,
    channel: typeof choice.index === 'number' ? String(choice.index) : '0',
    text: delta.content as string,
    ends: choice.finish_reason != null || delta.tool_calls !== undefined,
    write: (text) => {
      delta.content = text;
    },
  };
}

function anthropicEvent(json: Record<string, unknown>): StreamTextEvent {
  if (json.type === 'ping') return keepAlive;
  const delta = json.delta;
  if (
    json.type !== 'content_block_delta' ||
    !isRecord(delta) ||
    delta.type !== 'text_delta' ||
    typeof delta.text !== 'string'
  )
    return other;
  return {
    kind: 'delta',
    json,
    channel: typeof json.index === 'number' ? String(json.index) : '0',
    text: delta.text,
    ends: false,
    write: (text) => {
      delta.text = text;
    },
  };
}

function responsesEvent(json: Record<string, unknown>): StreamTextEvent {
  switch (json.type) {
    case 'response.output_text.delta':
      if (typeof json.delta !== 'string') return other;
      return {
        kind: 'delta',
        json,
        channel: `${String(json.output_index)}:${String(json.content_index)}`,
        text: json.delta,
        ends: false,
        write: (text) => {
          json.delta = text;
        },
      };
    case 'response.output_text.done':
      return typeof json.text === 'string'
        ? { kind: 'whole', json, slots: [{ path: 'text', text: json.text, owner: json, key: 'text' }], count: false }
        : other;
    case 'response.content_part.done':
      return { kind: 'whole', json, slots: outputTextParts([json.part], 'part'), count: false };
    case 'response.output_item.done':
      return {
        kind: 'whole',
        json,
        slots:
          isRecord(json.item) && json.item.type === 'message' ? outputTextParts(json.item.content, 'item.content') : [],
        count: false,
      };
    case 'response.completed':
    case 'response.incomplete':
    case 'response.failed':
      return {
        kind: 'whole',
        json,
        slots: isRecord(json.response) ? responseOutputTexts(json.response.output) : [],
        count: false,
      };
    default:
      return other;
  }
}
