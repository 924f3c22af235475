import { podiumMigrations } from '../podium-migrations.js';
import { describeOnEachDriver } from '../testkit/describe-on-each-driver.test-suite.js';
import { describeBudgetConformance } from './budget-conformance.test-suite.js';

describeOnEachDriver('budget and budget request repositories', podiumMigrations, describeBudgetConformance);
