export { FakeUpstream } from './fake-upstream.js';
export type { ReceivedRequest, Responder, ScriptedResponse } from './fake-upstream.js';
export { loadEvents, loadJson, ownFixturePath, sharedWireRoot } from './fixtures.js';
export { startTestPodium } from './test-podium.js';
export type { TestPodium, TestPodiumOptions } from './test-podium.js';
export { startPodiumProcesses, stopPodiumProcesses } from './start-podium-processes.js';
export type { PodiumProcess } from './start-podium-processes.js';
export { startTestGateway, testCaller } from './test-gateway.js';
export type { TestGateway, TestGatewayCallOptions, TestGatewayContext, TestGatewayOptions } from './test-gateway.js';
