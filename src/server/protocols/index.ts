/** The wire-format codecs Podium speaks, on both sides of a call. Pure functions and classes: no I/O. */
export { SseParser } from './sse/sse-parser.js';
export type { SseEvent } from './sse/sse-parser.js';
export { formatSse } from './sse/format-sse.js';
