import { podiumMigrations } from '../podium-migrations.js';
import { describeOnEachDriver } from '../testkit/describe-on-each-driver.test-suite.js';
import { describeIdentityConformance } from './identity-conformance.test-suite.js';

describeOnEachDriver('identity repository', podiumMigrations, describeIdentityConformance);
