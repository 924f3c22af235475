import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../../contract/index.js';
import { fixtureJson, wireDataDir, wireJson, wireSuiteTitle } from '../recorded.test-suite.js';
import { parseOpenAIEmbeddingsRequest } from './request-schema.js';
import { usageFromOpenAIEmbeddings } from './usage.js';

function rejection(body: unknown): { message: string; param: string | undefined } {
  try {
    parseOpenAIEmbeddingsRequest(body);
  } catch (error) {
    if (error instanceof PodiumError && error.code === 'invalid_request')
      return { message: error.message, param: error.param };
    throw error;
  }
  throw new Error('expected the body to be rejected');
}

describe('parseOpenAIEmbeddingsRequest', () => {
  it.each([['one text'], [['two', 'texts']], [[1, 2, 3]], [[[1, 2], [3]]]])('accepts input %j', (input) => {
    expect(parseOpenAIEmbeddingsRequest({ model: 'text-embedding-3-small', input, extra: true })).toEqual({
      model: 'text-embedding-3-small',
      input,
      extra: true,
    });
  });

  it.each([
    [{ input: 'x' }, { message: "Missing required parameter: 'model'.", param: 'model' }],
    [{ model: 'm' }, { message: "Missing required parameter: 'input'.", param: 'input' }],
    [
      { model: 'm', input: 5 },
      {
        message: "Invalid type for 'input': expected one of a string or an array, but got an integer instead.",
        param: 'input',
      },
    ],
    [
      { model: 'm', input: 'x', encoding_format: 'int8' },
      { message: "Invalid value: 'int8'. Supported values are: 'float', and 'base64'.", param: 'encoding_format' },
    ],
    [
      { model: 'm', input: 'x', dimensions: 0 },
      {
        message: "Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got 0 instead.",
        param: 'dimensions',
      },
    ],
  ])('rejects %j naming the field', (body, expected) => {
    expect(rejection(body)).toEqual(expected);
  });
});

describe('usageFromOpenAIEmbeddings', () => {
  it('counts prompt tokens only', () => {
    expect(usageFromOpenAIEmbeddings(fixtureJson('openai/embeddings.json'))).toEqual({
      inputTokens: 9,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(usageFromOpenAIEmbeddings({ data: [] })).toBeUndefined();
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('usageFromOpenAIEmbeddings on recorded traffic', wire), () => {
  it('openai-embedding', () => {
    expect(usageFromOpenAIEmbeddings(wireJson(wire ?? '', 'openai/embedding/openai-embedding.json'))?.inputTokens).toBe(
      12,
    );
  });
});
