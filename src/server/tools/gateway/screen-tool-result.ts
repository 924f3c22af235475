/**
 * Executor wrapper: what a result may carry back to the caller. Personal data in text content and in
 * `structuredContent` strings is redacted by class (the data protection actions; `block` withholds the whole
 * result); a `forbid` on `tool.result` withholds it (the notice never echoes its content); and what is left is
 * cut to `tools.maxResultBytes` with a notice saying so.
 */
import type { CallExecutor } from '../../gateway/index.js';
import type { DataClass } from '../../governance/pii/index.js';
import type { PolicyCheck } from '../../governance/policies/index.js';
import type { CatalogTool } from '../tool-catalog.js';
import { textResult, type ToolResult } from '../tool-result.js';
import { toolCallRequest } from './authorize-tool-call.js';
import { redactJson } from './redact-personal-data.js';
import type { ToolCall } from './tool-call.js';
import type { ToolCallSink } from './tool-call-sink.js';

type Executor = CallExecutor<ToolCall, ToolCallSink>;
export type ResultDataAction = 'allow' | 'redact' | 'block';

export interface ScreenToolResultOptions {
  /** Policies (`tool.result` forbids); absent: nothing is withheld by policy. */
  check?: PolicyCheck | undefined;
  /** What data protection does with each class in this tool's results; absent: every class is redacted. */
  actions?: ((tool: CatalogTool) => Partial<Record<DataClass, ResultDataAction>>) | undefined;
  maxResultBytes: number;
}

const withheldNotice = (tool: string, why: string): ToolResult =>
  textResult(`The result of ${tool} was withheld by Podium (${why}); its content is not shown.`);

/** The result cut to `maxBytes` of JSON: text kept in order up to the limit, structured content dropped. */
export function truncateResult(result: ToolResult, maxBytes: number): { result: ToolResult; truncated: boolean } {
  const size = Buffer.byteLength(JSON.stringify(result));
  if (size <= maxBytes) return { result, truncated: false };
  const notice = `\n[Podium cut this result: it was ${size} bytes, the limit is ${maxBytes}; structured content and non-text blocks were dropped.]`;
  // Room for the text itself: the limit minus the notice and the JSON around it, with margin for escaping.
  let room = Math.max(0, Math.floor((maxBytes - notice.length - 64) / 2));
  let text = '';
  for (const block of result.content) {
    if (block.type !== 'text' || typeof block.text !== 'string' || room <= 0) continue;
    const piece = block.text.slice(0, room);
    text += text === '' ? piece : `\n${piece}`;
    room -= piece.length + 1;
  }
  const cut: ToolResult = { content: [{ type: 'text', text: `${text}${notice}` }] };
  if (result.isError === true) cut.isError = true;
  return { result: cut, truncated: true };
}

export function screenToolResult(options: ScreenToolResultOptions): (inner: Executor) => Executor {
  return (inner) => async (call, sink, settle) => {
    await inner(call, sink, settle);
    const tool = call.tool;
    const result = call.result;
    if (!tool || !result) return;
    const actions = options.actions?.(tool) ?? {};
    const action = (dataClass: DataClass): ResultDataAction => actions[dataClass] ?? 'redact';
    const redaction = redactJson(
      { content: result.content, structuredContent: result.structuredContent },
      (dataClass) => action(dataClass) !== 'allow',
    );
    const found = redaction.found;
    const classes = (Object.keys(found) as DataClass[]).sort();
    let screened: ToolResult = {
      ...result,
      content: redaction.value.content,
      ...(redaction.value.structuredContent === undefined
        ? {}
        : { structuredContent: redaction.value.structuredContent }),
    };
    let withheld = false;
    let withheldBy: string[] = [];
    const blocked = classes.find((dataClass) => action(dataClass) === 'block');
    if (blocked !== undefined) {
      withheld = true;
      screened = withheldNotice(tool.exposedName, `it carried ${blocked} data, which data protection blocks`);
    } else if (options.check) {
      const input = toolCallRequest(call, options.check, { dataClasses: classes });
      const answer = input && options.check.evaluate(input);
      if (answer?.decision === 'deny' && answer.policies.length > 0) {
        withheld = true;
        withheldBy = answer.policies;
        screened = withheldNotice(tool.exposedName, `policy ${answer.policies.map((id) => `"${id}"`).join(', ')}`);
      }
    }
    const { result: bounded, truncated } = truncateResult(screened, options.maxResultBytes);
    call.result = bounded;
    call.screening = { found, redacted: redaction.redacted && !withheld, withheld, withheldBy, truncated };
  };
}
