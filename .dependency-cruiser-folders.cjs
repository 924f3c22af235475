/**
 * No cycles between folders (run by `npm run boundaries` after .dependency-cruiser.cjs). A folder cycle
 * (a imports b, b imports a, through any files) makes two capabilities one in all but name, even when no two
 * files import each other. Test files (`*.test.ts`) are left out: nothing imports them, and a capability's
 * tests legitimately use testkit/, which composes every capability as main.ts does. Test suites
 * (`*.test-suite.ts`) stay in: other folders import them.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config reusing the main one's options
const base = require('./.dependency-cruiser.cjs');

module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
  ],
  options: { ...base.options, exclude: { path: '\\.test\\.ts$' } },
};
