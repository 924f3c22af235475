import { describe, expect, it } from 'vitest';
import { emptyUsage, type ChatResult } from '../../../contract/index.js';
import { gradeExact, gradeJson, gradeNumeric, gradingText } from './grade-answers.js';
import { judgeAnswers, judgeRubric, parseVerdict } from './judge-answers.js';

const hit = { graded: true, served: 1, reference: 1 };
const miss = { graded: true, served: 0, reference: 1 };

describe('rule graders (the reference is the truth)', () => {
  it('exact: equal once trimmed, whitespace collapsed and case folded', () => {
    expect(gradeExact('  The answer is\n\n Paris. ', 'the ANSWER is paris.')).toEqual(hit);
    expect(gradeExact('Paris', 'Paris.')).toEqual(miss);
  });

  it('json: deep equality whatever the key order, code fences allowed; a reference that is not JSON is ungraded', () => {
    expect(
      gradeJson('```json\n{"b": [1, 2], "a": {"y": null, "x": "s"}}\n```', '{"a":{"x":"s","y":null},"b":[1,2]}'),
    ).toEqual(hit);
    expect(gradeJson('{"b": [2, 1]}', '{"b": [1, 2]}')).toEqual(miss);
    expect(gradeJson('not json', '{"a": 1}')).toEqual(miss);
    expect(gradeJson('{"a": 1}', 'Sure! {"a": 1}')).toMatchObject({ graded: false });
    // 1e999 parses to Infinity, which JSON cannot carry: no JSON on either side (the former copy read it as null).
    expect(gradeJson('[null]', '[1e999]')).toMatchObject({ graded: false });
    expect(gradeJson('[1e999]', '[null]')).toEqual(miss);
    // 10^5-deep answers overflowed the stack in canonical JSON; past the request bound they are not JSON.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(gradeJson(deep, deep)).toMatchObject({ graded: false });
  });

  it('numeric: the last numbers agree within 1e-6 relative; no number in the reference is ungraded', () => {
    expect(gradeNumeric('First 12, so the total is 1,234.5', 'Answer: 1234.5000001')).toEqual(hit);
    expect(gradeNumeric('total 1234.6', 'total 1234.5')).toEqual(miss);
    expect(gradeNumeric('-0.5', 'it is -5e-1')).toEqual(hit);
    expect(gradeNumeric('no idea', 'it is 4')).toEqual(miss);
    expect(gradeNumeric('4', 'I cannot tell')).toMatchObject({ graded: false });
  });

  it('compares tool calls by name and arguments, not by id', () => {
    const withTool = (id: string, args: string): ChatResult => ({
      id: 'r',
      model: 'm',
      content: [{ type: 'tool-call', id, name: 'lookup', arguments: args }],
      finishReason: 'tool-calls',
      usage: emptyUsage(),
    });
    const served = gradingText(withTool('call_1', '{"city":"Paris","unit":"c"}'));
    expect(served).toBe(gradingText(withTool('call_2', '{"unit":"c","city":"Paris"}')));
    expect(gradeExact(served, gradingText(withTool('call_3', '{"city":"Lyon","unit":"c"}')))).toEqual(miss);
  });
});

describe('judge grader', () => {
  it('parses only the asked-for verdict', () => {
    expect(parseVerdict('{"answer_1": 7, "answer_2": 10}')).toEqual({ first: 7, second: 10 });
    expect(parseVerdict('```json\n{"answer_1": 1, "answer_2": 2}\n```')).toEqual({ first: 1, second: 2 });
    for (const text of [
      'Answer 1: 7, Answer 2: 9',
      '{"answer_1": 7}',
      '{"answer_1": 7.5, "answer_2": 9}',
      '{"answer_1": 0, "answer_2": 9}',
      '{"answer_1": 7, "answer_2": 9, "why": "x"}',
      'I think {"answer_1": 7, "answer_2": 9}',
    ]) {
      expect(parseVerdict(text), text).toBeUndefined();
    }
  });

  it('shows the answers in a random order with the rubric and maps the scores back', async () => {
    const asked: Record<string, unknown>[] = [];
    const ask = (body: Record<string, unknown>) => {
      asked.push(body);
      return Promise.resolve('{"answer_1": 4, "answer_2": 9}');
    };
    const input = { judge: 'judge', conversation: 'user: 2+2?', served: 'five', reference: 'four', ask };
    expect(await judgeAnswers({ ...input, random: () => 0.2 })).toEqual({ graded: true, served: 4, reference: 9 });
    expect(await judgeAnswers({ ...input, random: () => 0.7 })).toEqual({ graded: true, served: 9, reference: 4 });
    const [first, second] = asked;
    expect(first).toMatchObject({
      model: 'judge',
      stream: false,
      messages: [{ role: 'system', content: judgeRubric }, { role: 'user' }],
    });
    const prompt = (body: Record<string, unknown> | undefined) =>
      (body?.messages as { content: string }[])[1]?.content ?? '';
    expect(prompt(first)).toMatch(/user: 2\+2\?[\s\S]*Answer 1:\n<<<\nfive\n>>>[\s\S]*Answer 2:\n<<<\nfour\n>>>/);
    expect(prompt(second)).toMatch(/Answer 1:\n<<<\nfour\n>>>[\s\S]*Answer 2:\n<<<\nfive\n>>>/);
  });

  it('records an unparsable verdict as ungraded, and a failed judge call as a failure', async () => {
    const input = { judge: 'judge', conversation: 'q', served: 'a', reference: 'b', random: () => 0.1 };
    expect(await judgeAnswers({ ...input, ask: () => Promise.resolve('Both are fine, 8/10.') })).toMatchObject({
      graded: false,
      reason: expect.stringContaining('unparsable') as unknown,
    });
    expect(await judgeAnswers({ ...input, ask: () => Promise.resolve(undefined) })).toBe('failed');
  });
});
