import { parseArgs } from 'node:util';
import { shadowReportSchema } from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CommandRun } from './cli-context.js';
import { formatShadowReport } from './format-shadow-report.js';
import { expectPositionals, parseOrUsage, printUsage } from './parse-command.js';
import { printJson } from './print-json.js';

/** `podium route report`: the shadow-sampling report of the running Podium (see docs/shadow-sampling.md). */
export function routeReportCommand(usage: string): CommandRun {
  return async (context, args) => {
    const { values, positionals } = parseOrUsage(usage, () =>
      parseArgs({
        args,
        strict: true,
        allowPositionals: true,
        options: {
          alias: { type: 'string' },
          since: { type: 'string' },
          until: { type: 'string' },
          json: { type: 'boolean' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    );
    if (values.help === true) return printUsage(context, usage);
    expectPositionals(positionals, [], usage);
    const report = await createAdminClient(context).call({
      method: 'GET',
      path: '/api/v1/routing/report',
      query: { alias: values.alias, since: values.since, until: values.until },
      schema: shadowReportSchema,
    });
    if (values.json === true) printJson(context, report);
    else context.stdout.write(formatShadowReport(report));
    return 0;
  };
}
