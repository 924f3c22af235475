/**
 * Canonical ChatRequest → a Gemini `generateContent` / `streamGenerateContent` body. The model and
 * streaming are chosen by the URL, not the body, so neither appears here.
 */
import {
  PodiumError,
  type ChatMessage,
  type ChatRequest,
  type ResponseFormat,
  type ToolChoice,
} from '../../../contract/index.js';
import { parseDataUrl } from '../shared/data-url.js';
import { argumentsToObject } from '../shared/tool-arguments.js';

/**
 * Gemini 3 refuses a function call in the history without the thought signature it was issued
 * with, and the canonical model does not carry signatures. Google documents this value for history
 * that did not come from the model itself (a trace from another model, or client-built calls).
 */
export const GEMINI_HISTORY_SIGNATURE = 'skip_thought_signature_validator';

type Part = Record<string, unknown>;
interface Content {
  role: 'user' | 'model';
  parts: Part[];
}

const mimeByExtension: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
};

/** Inline data for `data:` URLs; a file reference for web URLs, its type guessed from the extension. */
function imagePart(url: string): Part {
  const inline = parseDataUrl(url);
  if (inline) return { inlineData: { mimeType: inline.mediaType, data: inline.data } };
  const extension = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase() ?? '';
  return { fileData: { mimeType: mimeByExtension[extension] ?? 'image/jpeg', fileUri: url } };
}

/** Gemini answers a call by function name, not id: names are remembered from the calls seen so far. */
function partsOf(message: ChatMessage, names: Map<string, string>): Part[] {
  switch (message.role) {
    case 'user':
      return message.content.map((part) => (part.type === 'text' ? { text: part.text } : imagePart(part.url)));
    case 'assistant':
      return message.content.map((part) => {
        if (part.type === 'text') return { text: part.text };
        names.set(part.id, part.name);
        return {
          functionCall: { name: part.name, args: argumentsToObject(part.arguments) },
          thoughtSignature: GEMINI_HISTORY_SIGNATURE,
        };
      });
    case 'tool':
      return message.content.map((result) => {
        const name = names.get(result.toolCallId);
        if (name === undefined) {
          throw new PodiumError(
            'invalid_request',
            `A tool result answers the unknown tool call '${result.toolCallId}'.`,
            { param: 'messages' },
          );
        }
        // Google's convention: the result under `output`, or under `error` when the call failed.
        return {
          functionResponse: { name, response: result.isError ? { error: result.content } : { output: result.content } },
        };
      });
  }
}

/** Consecutive turns of one role are merged: parallel function responses belong in one user turn. */
function toContents(messages: readonly ChatMessage[]): Content[] {
  const names = new Map<string, string>();
  const contents: Content[] = [];
  for (const message of messages) {
    const role = message.role === 'assistant' ? 'model' : 'user';
    const parts = partsOf(message, names);
    const previous = contents[contents.length - 1];
    if (previous?.role === role) previous.parts.push(...parts);
    else contents.push({ role, parts });
  }
  return contents;
}

function toolConfig(choice: ToolChoice): Record<string, unknown> {
  if (typeof choice !== 'string')
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.name] } };
  const mode = choice === 'required' ? 'ANY' : choice === 'none' ? 'NONE' : 'AUTO';
  return { functionCallingConfig: { mode } };
}

function responseFormat(format: ResponseFormat, config: Record<string, unknown>): void {
  if (format.type === 'text') return;
  config.responseMimeType = 'application/json';
  if (format.type === 'json_schema') config.responseJsonSchema = format.schema;
}

/**
 * Builds the body. Tool parameters and response schemas go in the `…JsonSchema` fields, which take
 * JSON Schema as OpenAI and Anthropic clients write it (`parameters` accepts only an OpenAPI subset
 * and refuses keywords such as `additionalProperties`). `user` has no Gemini field and is not sent.
 */
export function fromChatRequest(request: ChatRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { contents: toContents(request.messages) };
  if (request.system !== undefined) body.systemInstruction = { parts: [{ text: request.system }] };
  if (request.tools && request.tools.length > 0) {
    const functionDeclarations = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parametersJsonSchema: tool.parameters,
    }));
    body.tools = [{ functionDeclarations }];
  }
  if (request.toolChoice !== undefined) body.toolConfig = toolConfig(request.toolChoice);
  const config: Record<string, unknown> = {};
  if (request.maxTokens !== undefined) config.maxOutputTokens = request.maxTokens;
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.stop !== undefined) config.stopSequences = request.stop;
  if (request.responseFormat !== undefined) responseFormat(request.responseFormat, config);
  if (Object.keys(config).length > 0) body.generationConfig = config;
  return body;
}
