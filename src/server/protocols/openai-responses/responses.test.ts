import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import {
  chunkLines,
  fixtureChunks,
  fixtureJson,
  fixtureText,
  wireChunks,
  wireDataDir,
  wireJson,
  wireSuiteTitle,
  wireText,
} from '../recorded.test-suite.js';
import { parseOpenAIResponsesRequest } from './request-schema.js';
import { usageFromOpenAIResponse, usageFromOpenAIResponsesData, usageFromOpenAIResponsesEvent } from './usage.js';
import { usage } from '../stream-parts.test-suite.js';

const tryParse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

function rejection(body: unknown): { message: string; param: string | undefined } {
  try {
    parseOpenAIResponsesRequest(body);
  } catch (error) {
    if (error instanceof PodiumError && error.code === 'invalid_request')
      return { message: error.message, param: error.param };
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('parseOpenAIResponsesRequest', () => {
  it('accepts text or item input and keeps every other field', () => {
    const body = {
      model: 'gpt-4.1',
      input: [{ role: 'user', content: 'Hi' }],
      reasoning: { effort: 'low' },
      tools: [{ type: 'web_search' }],
      store: false,
    };
    expect(parseOpenAIResponsesRequest(body)).toEqual(body);
    expect(parseOpenAIResponsesRequest({ model: 'gpt-4.1', previous_response_id: 'resp_1' })).toMatchObject({
      previous_response_id: 'resp_1',
    });
  });

  it.each([
    [{ input: 'Hi' }, { message: "Missing required parameter: 'model'.", param: 'model' }],
    [
      { model: 'm', input: 4 },
      {
        message: "Invalid type for 'input': expected one of a string or an array, but got an integer instead.",
        param: 'input',
      },
    ],
    [
      { model: 'm', input: ['Hi'] },
      { message: "Invalid type for 'input[0]': expected an object, but got a string instead.", param: 'input[0]' },
    ],
    [
      { model: 'm', stream: 1 },
      { message: "Invalid type for 'stream': expected a boolean, but got an integer instead.", param: 'stream' },
    ],
    [
      { model: 'm', max_output_tokens: 8 },
      {
        message: "Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, but got 8 instead.",
        param: 'max_output_tokens',
      },
    ],
  ])('rejects %j naming the field', (body, expected) => {
    expect(rejection(body)).toEqual(expected);
  });
});

describe('Responses usage', () => {
  it('from a response body', () => {
    expect(usageFromOpenAIResponse(fixtureJson('openai/responses-text.json'))).toEqual(usage(21, 9));
  });

  it('from the terminal stream event only', () => {
    const events = fixtureChunks('openai/responses-text.chunks.txt');
    const found = events.map((event) => usageFromOpenAIResponsesEvent(event));
    expect(found.filter((value) => value !== undefined)).toEqual([usage(21, 9)]);
    expect(found.at(-1)).toEqual(usage(21, 9));
  });

  it('from raw payloads, parsing only the one that has usage', () => {
    const frames = chunkLines(fixtureText('openai/responses-text.chunks.txt'));
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const found = frames.map((frame) => usageFromOpenAIResponsesData(frame)).filter((value) => value !== undefined);
      expect(found).toEqual([usage(21, 9)]);
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('from response.incomplete and response.failed too', () => {
    const response = {
      usage: {
        input_tokens: 50,
        input_tokens_details: { cached_tokens: 32 },
        output_tokens: 16,
        output_tokens_details: { reasoning_tokens: 12 },
      },
    };
    for (const type of ['response.incomplete', 'response.failed']) {
      expect(usageFromOpenAIResponsesEvent({ type, response })).toEqual(
        usage(50, 16, { cacheReadTokens: 32, reasoningTokens: 12 }),
      );
    }
    expect(usageFromOpenAIResponsesEvent({ type: 'response.in_progress', response })).toBeUndefined();
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('Responses usage on recorded traffic', wire), () => {
  const dir = wire ?? '';
  it('Azure text, body and stream', () => {
    expect(usageFromOpenAIResponse(wireJson(dir, 'azure/azure-text.1.json'))).toEqual(usage(11, 11));
    const found = wireChunks(dir, 'azure/azure-text.1.chunks.txt').map((event) => usageFromOpenAIResponsesEvent(event));
    expect(found.filter((value) => value !== undefined)).toEqual([usage(11, 11)]);
  });

  it('a failed stream reports no usage rather than a wrong one', () => {
    const events = wireChunks(dir, 'openai/responses/openai-error.1.chunks.txt');
    expect(events.map((event) => usageFromOpenAIResponsesEvent(event)).filter((value) => value !== undefined)).toEqual(
      [],
    );
  });

  it('every recorded stream: the raw-payload scan finds the same usage as parsing every event', () => {
    for (const folder of ['openai/responses', 'azure']) {
      for (const file of readdirSync(join(dir, folder)).filter((name) => name.endsWith('.chunks.txt'))) {
        // Raw lines, as forwarded; one recorded file holds lines that are not valid JSON.
        const frames = chunkLines(wireText(dir, `${folder}/${file}`));
        const parsed = frames.map((frame) => usageFromOpenAIResponsesEvent(tryParse(frame)));
        const scanned = frames.map((frame) => usageFromOpenAIResponsesData(frame));
        expect(scanned, file).toEqual(parsed);
      }
    }
  });
});
