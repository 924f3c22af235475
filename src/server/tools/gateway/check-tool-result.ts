/**
 * Executor wrapper: a tool that declares an `outputSchema` must return `structuredContent` that validates
 * against it (MCP's rule); anything else is 502 `invalid_tool_result`, and the caller never sees it. A result
 * the tool marks as an error is exempt: it explains a failure, it is not the promised output.
 */
import { PodiumError } from '../../../contract/index.js';
import type { CallExecutor } from '../../gateway/index.js';
import type { SchemaValidator } from '../../structured/index.js';
import type { ToolCall } from './tool-call.js';
import type { ToolCallSink } from './tool-call-sink.js';

type Executor = CallExecutor<ToolCall, ToolCallSink>;

export function checkToolResult(validator: SchemaValidator): (inner: Executor) => Executor {
  return (inner) => async (call, sink, settle) => {
    await inner(call, sink, settle);
    const schema = call.tool?.definition.outputSchema;
    const result = call.result;
    if (!schema || !result || result.isError === true) return;
    const name = call.tool?.exposedName ?? 'the tool';
    if (result.structuredContent === undefined)
      throw new PodiumError(
        'invalid_tool_result',
        `\`${name}\` declares an output schema but returned no structuredContent.`,
      );
    let check;
    try {
      check = validator.prepare({ type: 'json_schema', name, schema, field: `tool ${name} outputSchema` });
    } catch (error) {
      throw new PodiumError('invalid_tool_result', `\`${name}\` declares an output schema that cannot be used.`, {
        cause: error,
      });
    }
    const answer = check(JSON.stringify(result.structuredContent));
    if (!answer.ok) {
      const [problem] = answer.problems;
      throw new PodiumError(
        'invalid_tool_result',
        `\`${name}\` returned structuredContent that does not match its output schema: ${problem?.path ?? '(root)'} ${problem?.message ?? 'is invalid'}`,
      );
    }
  };
}
