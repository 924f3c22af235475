export type {
  AdmittedRequest,
  SseEvent,
  StreamEncoder,
  SurfaceCodec,
  UpstreamChatCodec,
  UpstreamErrorReader,
  UsageTap,
} from './codec.js';
export { countTokens } from './count-tokens.js';
export type { CountTokensAnswer, CountTokensInput } from './count-tokens.js';
export { createExecutor } from './execute-call.js';
export type { Executor, ExecutorOptions } from './execute-call.js';
export { Gateway, Pipeline } from './gateway.js';
export type {
  AdmissionStage,
  CallExecutor,
  CallSink,
  CompletionStage,
  GatewayStages,
  PipelineStages,
  SettlementStage,
} from './gateway.js';
export type { CallBase, CallCharge, CallHold, CallKind } from './call.js';
export { createGatewayCall } from './gateway-call.js';
export type { CacheStatus, DataFinding, GatewayCall, ModelCall, RoutingDecision } from './gateway-call.js';
export { InternalCalls } from './internal-calls.js';
export type { CapturedResponse } from './captured-response.js';
export { MemorySink } from './memory-sink.js';
export { teeSink } from './tee-sink.js';
export type { TeeSink } from './tee-sink.js';
export { answerText, foldStreamParts, readAnswer } from './read-answer.js';
export { deliverAnswer, resultToStreamParts } from './deliver-answer.js';
export type { DeliverAnswerOptions } from './deliver-answer.js';
export { runInternalCall } from './run-internal-call.js';
export type { InternalCallKind, InternalCallRequest, InternalCallResult } from './run-internal-call.js';
export { ModelCatalog, orderTargets } from './model-catalog.js';
export type { CatalogEntry, ResolvedRoute, ResolvedTarget } from './model-catalog.js';
export type { ResponseSink } from './response-sink.js';
export { spliceJsonField } from './splice-json-field.js';
export { maxJsonDepth, parseRequestJson, pathBeyondDepth } from './parse-request-json.js';
export { admitRequest } from './stages/admit-request.js';
export { attributeCall, parseTags, userFromBody } from './stages/attribute-call.js';
export { authorizeModel } from './stages/authorize-model.js';
export { identifyCaller } from './stages/identify-caller.js';
export { priceCall } from './stages/price-call.js';
export { recordCall, recordEveryCall, toRequestRecord } from './stages/record-call.js';
export type { RecordOptions } from './stages/record-call.js';
export { resolveRoute } from './stages/resolve-route.js';
export { chargesBudgets, finishHolds, settleHolds } from './stages/settle-holds.js';
export { UpstreamStatusError } from './upstream-status-error.js';
export { relayedHeaderNames } from './relayed-headers.js';
export type { UpstreamLimits } from './attempt.js';
export type { RetrySettings } from './retry-delay.js';
export { createCodecs } from './codecs/create-codecs.js';
export type { Codecs } from './codecs/create-codecs.js';
