/** Boundary rules, enforced at error level inside `npm test` (see docs/decisions/0001-layout-and-boundaries.md). */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'capabilities-through-index',
      comment:
        'A server capability imports another only through its index.ts. governance/ groups capabilities (policies, audit…), each with its own index.ts. ' +
        'Tests may also use the test helpers of store/ and testkit/ (*.test-suite.ts, left out of the build, so not in an index).',
      severity: 'error',
      from: { path: '^src/server/([^/]+)/' },
      to: {
        path: '^src/server/[^/]+/',
        pathNot: [
          '^src/server/$1/',
          '^src/server/[^/]+/index\\.ts$',
          '^src/server/governance/[^/]+/index\\.ts$',
          '^src/server/(store|testkit)/[^/]+\\.test-suite\\.ts$',
        ],
      },
    },
    {
      name: 'store-imports-no-capability',
      comment:
        'store/ holds drivers, the SQL client, the migration runner and shared test helpers; each capability owns its repositories, rows and ' +
        'migrations, and the composition root (main.ts, podium-migrations.ts) hands the runner their list (docs/decisions/0001-layout-and-boundaries.md).',
      severity: 'error',
      from: { path: '^src/server/store/' },
      to: { path: '^src/server/', pathNot: '^src/server/store/' },
    },
    {
      name: 'only-store-imports-database-drivers',
      severity: 'error',
      from: { pathNot: '^src/server/store/' },
      to: { path: 'node_modules/(pg|pg-[a-z-]+|@electric-sql/pglite)/' },
    },
    {
      name: 'only-store-opens-redis',
      comment:
        'Redis is opened by store/redis-connection.ts only: one set of fail-fast client options for the counters and the cache. ' +
        'Test suites may open raw clients to inspect, flush or break the test Redis.',
      severity: 'error',
      from: { pathNot: ['^src/server/store/', '\\.test\\.ts$', '\\.test-suite\\.ts$'] },
      to: { path: 'node_modules/ioredis/' },
    },
    {
      name: 'only-http-imports-node-http-server',
      comment: 'http/ is the only place that knows the HTTP server; testkit runs fake upstreams.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/http/', '^src/server/testkit/', '\\.test\\.ts$'] },
      to: { path: '^(node:)?http$' },
    },
    {
      name: 'contract-is-pure',
      comment: 'The contract has no I/O and depends on nothing of ours.',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: {
        path: [
          '^src/(server|cli)/',
          '^(node:)?(fs|http|https|net|child_process)$',
          'node_modules/(undici|pg|@electric-sql)/',
        ],
      },
    },
    {
      name: 'cli-talks-http',
      comment: 'The CLI uses the contract and the admin API; only `podium start` loads the server composition root.',
      severity: 'error',
      from: { path: '^src/cli/' },
      // Offline routing (`podium route train|eval`, through routing/offline/index.ts), `podium policy test` and `podium audit verify` (hashes, signatures) run locally;
      // `audit verify --database-url` reads through open-audit-database.ts, and `import-pglite` writes through
      // import-pglite-data-dir.ts: composition roots like main.ts;
      // `podium init` detects providers as a first start does (discovery/).
      to: {
        path: '^src/server/',
        pathNot: [
          '^src/server/(main|open-audit-database|import-pglite-data-dir|config/index)\\.ts$',
          '^src/server/routing/offline/index\\.ts$',
          '^src/server/governance/policies/index\\.ts$',
          '^src/server/governance/audit/index\\.ts$',
          '^src/server/discovery/index\\.ts$',
        ],
      },
    },
    {
      name: 'server-loads-no-offline-routing',
      comment:
        'Training, evaluation, loaders and plotting run in the CLI and the benches, never in the server process: nothing under src/server/ but routing/offline/ itself imports it. What both sides need (the router file, features, inference) is in routing/learned-router/. Tests may train a router to serve it.',
      severity: 'error',
      from: { path: '^src/server/', pathNot: ['^src/server/routing/offline/', '\\.test\\.ts$'] },
      to: { path: '^src/server/routing/offline/' },
    },
    {
      name: 'only-tokens-loads-the-tokenizer',
      comment:
        'gpt-tokenizer costs ~300 ms and ~70 MB to load; tokens/ loads it on first use (or when budgets or compression will need it). A static import elsewhere would load it at every start. Tests may compare against it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/server/tokens/', '\\.test\\.ts$'] },
      to: { path: 'node_modules/gpt-tokenizer/' },
    },
    {
      name: 'server-does-not-import-cli',
      severity: 'error',
      from: { path: '^src/(server|contract)/' },
      to: { path: '^src/cli/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
