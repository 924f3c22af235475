/**
 * Writes `conversations.json`, the compression bench's test set: long synthetic multi-turn
 * conversations (OpenAI chat and Anthropic messages, some with tool rounds) whose final question
 * needs one fact stated in the system prompt, in a recent turn, or in an old turn. Seeded, so the
 * file is reproducible: `npx tsx bench/compression/build-conversations.ts`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { BenchConversation, FactCategory } from './bench-conversation.js';

const perCategory = 8;
const seed = 20_261_121;

/** mulberry32: a small seeded generator, so the set is the same on every machine. */
function random(state: { value: number }): number {
  state.value = (state.value + 0x6d2b79f5) | 0;
  let t = state.value;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

const rng = { value: seed };
const pick = <T>(items: readonly T[]): T => items[Math.floor(random(rng) * items.length)] as T;
const between = (low: number, high: number): number => low + Math.floor(random(rng) * (high - low + 1));

const subjects = [
  'the migration',
  'our billing service',
  'the quarterly report',
  'the onboarding flow',
  'the warehouse team',
  'the mobile app',
  'the vendor contract',
  'the data pipeline',
  'the support queue',
  'the marketing launch',
];
const verbs = [
  'depends on',
  'is blocked by',
  'should include',
  'was delayed by',
  'needs a review of',
  'could reuse',
  'conflicts with',
  'must be tested against',
  'will replace',
  'reports on',
];
const objects = [
  'the new pricing tiers',
  'last month’s incident',
  'the legacy importer',
  'the audit findings',
  'a shared staging database',
  'the holiday schedule',
  'the customer survey',
  'the retry policy',
  'the partner API',
  'the security checklist',
];
const tails = [
  'before Friday',
  'according to Dana',
  'if the budget allows',
  'as discussed on the call',
  'for the EU region first',
  'with a rollback plan',
  'unless legal objects',
  'in two phases',
  'by the end of the sprint',
  'once finance signs off',
];
const facts = [
  {
    statement: (value: string) => `The access code for the staging server is ${value}.`,
    question: 'What is the access code for the staging server?',
  },
  {
    statement: (value: string) => `Our purchase order number with the vendor is ${value}.`,
    question: 'What is our purchase order number with the vendor?',
  },
  {
    statement: (value: string) => `The incident ticket for the outage is ${value}.`,
    question: 'Which ticket tracks the outage?',
  },
  {
    statement: (value: string) => `The customer's account reference is ${value}.`,
    question: 'What is the customer account reference?',
  },
];

const sentence = (): string => `${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(tails)}`;
const paragraph = (sentences: number): string =>
  Array.from({ length: sentences }, () => sentence())
    .map((text) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`)
    .join(' ');
const needleValue = (): string =>
  `${String.fromCharCode(65 + between(0, 25))}${String.fromCharCode(65 + between(0, 25))}-${between(1000, 9999)}`;

interface Turn {
  role: 'user' | 'assistant';
  text: string;
  tool?: { id: string; name: string; result: string };
}

function turns(count: number): Turn[] {
  const built: Turn[] = [];
  for (let index = 0; index < count; index += 1) {
    const role = index % 2 === 0 ? 'user' : 'assistant';
    const tool =
      role === 'assistant' && random(rng) < 0.25
        ? {
            id: `call_${index}`,
            name: pick(['search_tickets', 'read_document', 'query_metrics']),
            result: paragraph(between(3, 6)),
          }
        : undefined;
    built.push({ role, text: paragraph(between(2, 5)), ...(tool ? { tool } : {}) });
  }
  return built;
}

function openAIMessages(system: string, list: readonly Turn[]): Record<string, unknown>[] {
  const messages: Record<string, unknown>[] = [{ role: 'system', content: system }];
  for (const turn of list) {
    if (!turn.tool) {
      messages.push({ role: turn.role, content: turn.text });
      continue;
    }
    messages.push({
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: turn.tool.id, type: 'function', function: { name: turn.tool.name, arguments: '{"query":"status"}' } },
      ],
    });
    messages.push({ role: 'tool', tool_call_id: turn.tool.id, content: turn.tool.result });
    messages.push({ role: 'assistant', content: turn.text });
  }
  return messages;
}

function anthropicMessages(list: readonly Turn[]): Record<string, unknown>[] {
  const messages: Record<string, unknown>[] = [];
  for (const turn of list) {
    if (!turn.tool) {
      messages.push({ role: turn.role, content: turn.text });
      continue;
    }
    messages.push({
      role: 'assistant',
      content: [{ type: 'tool_use', id: `toolu_${turn.tool.id}`, name: turn.tool.name, input: { query: 'status' } }],
    });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: `toolu_${turn.tool.id}`, content: turn.tool.result }],
    });
    messages.push({ role: 'assistant', content: turn.text });
  }
  return messages;
}

function conversation(category: FactCategory, index: number): BenchConversation {
  const surface = index % 3 === 2 ? 'anthropic-messages' : 'openai-chat';
  const fact = pick(facts);
  const needle = needleValue();
  let system = `You are the project assistant for a logistics company. Answer precisely and cite earlier messages. ${paragraph(2)}`;
  const list = turns(between(36, 44));
  if (category === 'system') system += ` ${fact.statement(needle)}`;
  // Old: one of the first user turns. Recent: a user turn 4 to 10 turns before the question.
  const userTurns = list
    .map((turn, position) => (turn.role === 'user' ? position : -1))
    .filter((position) => position >= 0);
  const target =
    category === 'old'
      ? userTurns[between(0, 1)]
      : category === 'recent'
        ? userTurns[userTurns.length - between(2, 5)]
        : undefined;
  const holder = target === undefined ? undefined : list[target];
  if (holder) holder.text = `${holder.text} By the way: ${fact.statement(needle)} ${paragraph(1)}`;
  if (list.at(-1)?.role === 'user') list.pop();
  list.push({ role: 'user', text: fact.question });
  const messages = surface === 'openai-chat' ? openAIMessages(system, list) : anthropicMessages(list);
  const body =
    surface === 'openai-chat' ? { model: 'bench', messages } : { model: 'bench', max_tokens: 512, system, messages };
  return { id: `${category}-${index}`, surface, category, needle, body };
}

const set: BenchConversation[] = [];
for (const category of ['system', 'recent', 'old'] as const)
  for (let index = 0; index < perCategory; index += 1) set.push(conversation(category, index));
const path = join(import.meta.dirname, 'conversations.json');
writeFileSync(path, `[\n${set.map((entry) => JSON.stringify(entry)).join(',\n')}\n]\n`);
process.stdout.write(`wrote ${set.length} conversations to ${path}\n`);
