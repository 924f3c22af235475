/**
 * A gateway ToolResult as MCP's CallToolResult. Tool results come from upstreams and are hostile:
 * validated with the SDK's own spec schema, so a block MCP cannot carry becomes an `isError` result
 * for the model instead of a malformed answer for the client.
 */
import { specTypeSchemas, type CallToolResult } from '@modelcontextprotocol/server';
import type { ToolResult } from '../tool-result.js';

export function toCallToolResult(result: ToolResult): CallToolResult {
  const checked = specTypeSchemas.CallToolResult['~standard'].validate(result);
  if (!(checked instanceof Promise) && checked.issues === undefined) return checked.value;
  return {
    content: [{ type: 'text', text: 'The tool returned a result that MCP cannot carry (an unknown content block).' }],
    isError: true,
  };
}
