import { podiumMigrations } from '../../podium-migrations.js';
import { describeOnEachDriver } from '../../testkit/describe-on-each-driver.test-suite.js';
import { describeSpendReportConformance } from './spend-report-conformance.test-suite.js';

describeOnEachDriver('spend report repository', podiumMigrations, describeSpendReportConformance);
