import { describe } from 'vitest';
import { podiumMigrations } from '../../podium-migrations.js';
import { describeOnEachDriver } from '../../testkit/describe-on-each-driver.test-suite.js';
import { createMemoryToolPins } from './memory-tool-pins.js';
import { createToolPinRepository } from './tool-pin-repository.js';
import { describeToolPinsConformance } from './tool-pins-conformance.test-suite.js';

describeOnEachDriver('tool pins', podiumMigrations, (database) => {
  describeToolPinsConformance(() => createToolPinRepository(database()));
});

// The catalog's own tests run on these: they must behave as the database does.
describe('tool pins: memory', () => {
  const pins = createMemoryToolPins();
  describeToolPinsConformance(() => pins);
});
