import type { Command } from 'commander';
import { datasets, datasetNames } from '../datasets/registry.js';
import type { Io } from '../main.js';
import { table } from '../output/table.js';

/**
 * `rectify datasets [--json]`: the built-in datasets with their task, size and source, and whether the optional
 * ones are installed.
 */
export function registerDatasets(program: Command, io: Io): void {
  program
    .command('datasets')
    .description('list the built-in datasets with their sizes and sources (all offline)')
    .option('--json', 'print one JSON object per dataset instead of a table')
    .action((options: { json?: boolean }) => {
      const rows = datasetNames.map((name) => {
        const d = datasets[name]!;
        const available = d.available();
        return {
          name,
          task: d.task,
          size: d.size,
          source: d.source,
          available: available === true,
          note: available === true ? '' : available,
        };
      });
      if (options.json) {
        for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
        return;
      }
      io.stdout.write(
        table(
          ['name', 'task', 'samples × features (train / test)', 'source'],
          rows.map((r) => [r.name, r.task, r.size, r.source]),
        ),
      );
      for (const r of rows.filter((r) => !r.available)) io.stdout.write(`\nnote: ${r.name}: ${r.note}\n`);
      io.stdout.write('\nYour own data: --dataset csv:<path> --target <column> [--standardize]\n');
    });
}
