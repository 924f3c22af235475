import { podiumMigrations } from '../../podium-migrations.js';
import { describeOnEachDriver } from '../../testkit/describe-on-each-driver.test-suite.js';
import { describeShadowResultConformance } from './shadow-result-conformance.test-suite.js';

describeOnEachDriver('shadow result repository', podiumMigrations, describeShadowResultConformance);
