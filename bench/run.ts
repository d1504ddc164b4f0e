/**
 * The juju-ts benchmark: runs the selected groups and prints one table
 * `measure | value | target | ratio` (ratio = value/target, ≤ 1 meets it).
 *
 *   npm run bench                      every group
 *   node dist/bench/run.js charms      one group (or several: `hooktools status`)
 *
 * Groups: foundation, hooktools, charms, status. Needs root (private bridge,
 * range and state root per controller; all removed afterwards).
 */
import { charmsGroup } from './charms.js';
import { foundationGroup } from './foundation.js';
import { hookToolGroup } from './hooktools.js';
import { statusScaleGroup } from './status-scale.js';
import { formatTable, type Row } from './table.js';

const GROUPS: Readonly<Record<string, () => Promise<Row[]>>> = {
  foundation: foundationGroup,
  hooktools: hookToolGroup,
  charms: charmsGroup,
  status: statusScaleGroup,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((g) => !(g in GROUPS));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown group(s) ${unknown.join(', ')}; groups: ${Object.keys(GROUPS).join(', ')}\n`,
    );
    process.exitCode = 2;
    return;
  }
  const rows: Row[] = [];
  let failed = false;
  for (const name of wanted.length > 0 ? wanted : Object.keys(GROUPS)) {
    process.stderr.write(`bench: running ${name}\n`);
    try {
      rows.push(...(await (GROUPS[name] as () => Promise<Row[]>)()));
    } catch (err) {
      failed = true;
      process.stderr.write(`bench: group ${name} failed: ${(err as Error).stack ?? String(err)}\n`);
    }
  }
  process.stdout.write(formatTable(rows));
  if (failed) process.exitCode = 1;
}

await main();
