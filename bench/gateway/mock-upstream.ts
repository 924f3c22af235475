/**
 * The upstream every target calls: a node:http server answering POST /v1/chat/completions with one
 * fixed chat.completion in OpenAI's recorded shape (usage included, so Podium has tokens to price).
 * Run as a child process: `node --import tsx mock-upstream.ts`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { failChild, serveChildControl } from './child-control.js';

/** Written for the bench, shaped like a real gpt-4o-mini reply (field order and nulls included). */
const completion = Buffer.from(
  JSON.stringify({
    id: 'chatcmpl-BenchB3nchB3nchB3nchB3nchB3nch',
    object: 'chat.completion',
    created: 1770933883,
    model: 'gpt-4o-mini-2024-07-18',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content:
            'Hello! How can I help you today? I can answer questions, draft text, or explain a concept step by step.',
          refusal: null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: 9,
      completion_tokens: 24,
      total_tokens: 33,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
    service_tier: 'default',
    system_fingerprint: 'fp_b3nch0000',
  }),
);

const headers = { 'content-type': 'application/json', 'content-length': String(completion.length) };
const notFound = Buffer.from(
  '{"error":{"message":"mock upstream: only POST /v1/chat/completions","type":"invalid_request_error"}}',
);

const server = createServer((request, response) => {
  // Answer only once the whole request body has arrived, as a real API does.
  request.resume();
  request.once('end', () => {
    if (request.method === 'POST' && request.url === '/v1/chat/completions') {
      response.writeHead(200, headers);
      response.end(completion);
    } else {
      response.writeHead(404, { 'content-type': 'application/json', 'content-length': String(notFound.length) });
      response.end(notFound);
    }
  });
});
// Phases are seconds apart; idle keep-alive connections must survive the gaps.
server.keepAliveTimeout = 60_000;

server.once('error', failChild);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  serveChildControl({
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
});
