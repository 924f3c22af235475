import { podiumMigrations } from '../../podium-migrations.js';
import { describeOnEachDriver } from '../../testkit/describe-on-each-driver.test-suite.js';
import { describeBudgetEventConformance } from './budget-event-conformance.test-suite.js';

describeOnEachDriver('budget event repository', podiumMigrations, describeBudgetEventConformance);
