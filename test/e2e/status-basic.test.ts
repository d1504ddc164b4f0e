/**
 * `juju status` against a real controller: no model selected, an empty
 * model in every format, the controller model with machine 0, selectors.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { TestController } from '../helpers/controller-fixture.js';

/** STATUS_COMMANDS is wired into the command list by the lead; until then there is nothing to test. */
const REGISTERED = COMMANDS.some((factory) => factory().info().name === 'status');

const TIME = String.raw`\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)`;

/** ID and VERSION_ID of this host: the local cloud's machines run the host's OS. */
function hostBase(): { name: string; channel: string } {
  const text = readFileSync('/etc/os-release', 'utf8');
  const field = (k: string): string =>
    (new RegExp(`^${k}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1] ?? '').trim();
  return { name: field('ID'), channel: field('VERSION_ID') };
}

describe(
  'juju status',
  { skip: REGISTERED ? false : 'status is not registered in src/cli/commands/index.ts yet' },
  () => {
    let c: TestController;

    before(async () => {
      c = await TestController.bootstrap('stt');
    });

    after(async () => {
      await c?.destroy();
    });

    it('explains that no model is selected after bootstrap', async () => {
      const r = await c.juju(['status']);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'ERROR No selected model.\n\nOnly the controller model exists. Use "juju add-model" to create an initial model.\n',
      );
    });

    it('prints the model line of an empty model and says it is empty', async () => {
      assert.equal((await c.juju(['add-model', 'empty'])).code, 0);
      const r = await c.juju(['status']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(
        r.stdout,
        new RegExp(
          `^Model  Controller  Cloud/Region     Version  SLA          Timestamp\\nempty  stt         local/localhost  3\\.6\\.4    unsupported  ${TIME}\\n$`,
        ),
      );
      assert.equal(r.stderr, '\nModel "admin/empty" is empty.\n');
    });

    it('gives jubilant the JSON it needs', async () => {
      const r = await c.juju(['status', '--model', 'empty', '--format', 'json']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(
        r.stdout.endsWith('}\n') && !r.stdout.slice(0, -1).includes('\n'),
        'compact single-line JSON',
      );
      const doc = JSON.parse(r.stdout) as Record<string, Record<string, unknown>>;
      assert.deepEqual(Object.keys(doc), ['model', 'machines', 'applications', 'storage', 'controller']);
      const model = doc['model'] as Record<string, unknown>;
      assert.deepEqual(Object.keys(model), [
        'name',
        'type',
        'controller',
        'cloud',
        'region',
        'version',
        'model-status',
        'sla',
      ]);
      assert.equal(model['name'], 'empty');
      assert.equal(model['type'], 'iaas');
      assert.equal(model['controller'], 'stt');
      assert.equal(model['cloud'], 'local');
      assert.equal(model['region'], 'localhost');
      assert.equal(model['version'], '3.6.4');
      assert.equal(model['sla'], 'unsupported');
      const ms = model['model-status'] as Record<string, string>;
      assert.equal(ms['current'], 'available');
      assert.match(ms['since'] ?? '', /^\d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)$/);
      assert.deepEqual(doc['machines'], {});
      assert.deepEqual(doc['applications'], {});
      assert.deepEqual(doc['storage'], {});
      assert.match(String(doc['controller']?.['timestamp']), new RegExp(`^${TIME}$`));
    });

    it('prints the same in YAML, with UTC times under --utc', async () => {
      const r = await c.juju(['status', '--format', 'yaml', '--utc']);
      assert.equal(r.code, 0, r.stderr);
      const doc = parse(r.stdout) as Record<string, Record<string, unknown>>;
      assert.equal(doc['model']?.['name'], 'empty');
      assert.deepEqual(doc['machines'], {});
      assert.match(
        String((doc['model']?.['model-status'] as Record<string, string>)['since']),
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/,
      );
      assert.match(
        r.stdout,
        /\nmachines: \{\}\napplications: \{\}\nstorage: \{\}\ncontroller:\n {2}timestamp: /,
      );
    });

    it('shows machine 0 of the controller model with its address, instance and base', async () => {
      const base = hostBase();
      const json = await c.juju(['status', '-m', 'controller', '--format', 'json']);
      assert.equal(json.code, 0, json.stderr);
      const doc = JSON.parse(json.stdout) as { machines: Record<string, Record<string, unknown>> };
      const m0 = doc.machines['0'] as Record<string, unknown>;
      assert.ok(m0, 'machine 0 is listed');
      assert.match(String(m0['dns-name']), /^\d+\.\d+\.\d+\.\d+$/);
      assert.deepEqual(m0['ip-addresses'], [m0['dns-name']]);
      assert.match(String(m0['instance-id']), /^juju-[0-9a-f]{6}-\d+$/);
      assert.deepEqual(m0['base'], base);
      assert.equal(m0['controller-member-status'], 'has-vote');
      for (const key of ['juju-status', 'machine-status', 'modification-status'])
        assert.equal(typeof m0[key], 'object');

      const tab = await c.juju(['status', '-m', 'controller']);
      assert.equal(tab.code, 0, tab.stderr);
      assert.equal(tab.stderr, '', 'the controller model is not empty');
      const lines = tab.stdout.split('\n');
      assert.equal(lines[2], '');
      assert.match(lines[3] ?? '', /^Machine +State +Address +Inst id +Base +AZ +Message$/);
      assert.match(
        lines[4] ?? '',
        new RegExp(
          `^0 +\\S+ +${String(m0['dns-name']).replaceAll('.', '\\.')} +${String(m0['instance-id'])} +${base.name}@${base.channel} `,
        ),
      );
    });

    it('filters by selector and says when nothing matched', async () => {
      const none = await c.juju(['status', '-m', 'controller', 'nothing-like-this']);
      assert.equal(none.code, 0, none.stderr);
      assert.equal(none.stderr, 'Nothing matched specified filter.\n');
      const machine = await c.juju(['status', '-m', 'controller', '--format', 'json', '0']);
      assert.deepEqual(Object.keys((JSON.parse(machine.stdout) as { machines: object }).machines), ['0']);
    });

    it('supports the line and summary formats and notes ignored options', async () => {
      const short = await c.juju(['status', '--format', 'short']);
      assert.equal(short.code, 0, short.stderr);
      assert.equal(short.stdout, '');
      const summary = await c.juju(['status', '-m', 'controller', '--format', 'summary']);
      assert.equal(summary.code, 0, summary.stderr);
      assert.match(summary.stdout, /^Running on subnets: {2}\d+\.\d+\.\d+\.\d+\/\d+ {2}\n/);
      assert.match(summary.stdout, /# Machines: {2}\(1\)\n/);
      const noted = await c.juju(['status', '--format', 'json', '--relations', '--storage']);
      assert.equal(noted.code, 0, noted.stderr);
      assert.match(
        noted.stderr,
        /^provided relations, storage options are always enabled in non tabular formats\n/,
      );
    });
  },
);
