import { MemoryCounters } from '../memory-counters.js';
import { describeCountersConformance } from './counters-conformance.test-suite.js';

// One process holds one set of counters: every "client" is the same instance.
const counters = new MemoryCounters();
describeCountersConformance('memory', () => Promise.resolve(counters));
