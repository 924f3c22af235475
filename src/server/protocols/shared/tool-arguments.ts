/**
 * Tool-call arguments are JSON text in the canonical model (exactly what the model produced) but a
 * JSON object on Anthropic's and Gemini's wires.
 */

/**
 * Parses arguments text into the object those protocols require. Empty text means no arguments. Text
 * that is not a JSON object (a truncated stream, a model error) cannot be expressed there; it is kept
 * under `_raw` rather than dropped, so the next turn still shows the model what it wrote.
 */
export function argumentsToObject(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return { _raw: text };
}
