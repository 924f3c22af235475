import { podiumMigrations } from '../podium-migrations.js';
import { describeOnEachDriver } from '../testkit/describe-on-each-driver.test-suite.js';
import { describeLedgerConformance } from './ledger-conformance.test-suite.js';

describeOnEachDriver('ledger repository', podiumMigrations, describeLedgerConformance);
