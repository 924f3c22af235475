export { FakeUpstream } from './fake-upstream.js';
export type { ReceivedRequest, Responder, ScriptedResponse } from './fake-upstream.js';
export { loadEvents, loadJson, ownFixturePath, sharedWireRoot } from './fixtures.js';
export { startTestPodium } from './test-podium.js';
export type { TestPodium, TestPodiumOptions } from './test-podium.js';
export { startPodiumProcesses, stopPodiumProcesses } from './start-podium-processes.js';
export type { PodiumProcess } from './start-podium-processes.js';
export { startTestGateway, testCaller } from './test-gateway.js';
export type { TestGateway, TestGatewayCallOptions, TestGatewayContext, TestGatewayOptions } from './test-gateway.js';
export { rawRequest } from './raw-http-client.js';
export type { RawAnswer, RawRequestOptions } from './raw-http-client.js';
export type { StreamedBody } from './fake-upstream.js';
export { cutJsonBody, hangAfterHeaders, hugeJsonBody, hugeSseLine, rawSse } from './hostile-responses.js';
export { postgresBinDir, startPrivatePostgres } from './private-postgres.js';
export type { PrivatePostgres } from './private-postgres.js';
export { openTestDatabase } from './open-test-database.js';
export type { TestDatabaseOptions } from './open-test-database.js';
export {
  copyRetailDatabase,
  createTauRetailServer,
  directReplay,
  loadRetailDatabase,
  loadRetailTasks,
  outputsFound,
  replayTask,
  retailDataDirectory,
  retailDataMissing,
  retailTools,
  stateHash,
} from './tau-retail/index.js';
export type { RetailDatabase, RetailTask, RetailToolCaller } from './tau-retail/index.js';
export { serveMcpHandler } from './serve-mcp-handler.js';
export type { ServedMcpHandler } from './serve-mcp-handler.js';
