import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FlagSet, UsageError, formatFlagDefaults } from '../../../src/cli/framework/flags.js';

function setup() {
  const f = new FlagSet();
  return {
    f,
    model: f.string(['m', 'model'], '', 'Model to operate in'),
    n: f.int(['n', 'num-units'], 1, 'Number of units'),
    force: f.bool('force', false, 'Force it'),
    quiet: f.bool('q', false, 'quiet'),
    verbose: f.bool('v', false, 'verbose'),
    config: f.stringList('config', 'Config'),
  };
}

describe('gnuflag-compatible parsing', () => {
  it('accepts long forms with space and equals', () => {
    const s = setup();
    assert.deepEqual(s.f.parse(['--model', 'a', 'x', '--num-units=3']), ['x']);
    assert.equal(s.model.value, 'a');
    assert.equal(s.n.value, 3);
    assert.ok(s.model.given);
  });

  it('accepts one-letter flags with attached values', () => {
    const s = setup();
    s.f.parse(['-n3', '-mfoo']);
    assert.equal(s.n.value, 3);
    assert.equal(s.model.value, 'foo');
  });

  it('clusters one-letter booleans', () => {
    const s = setup();
    s.f.parse(['-qv']);
    assert.ok(s.quiet.value && s.verbose.value);
  });

  it('treats booleans as valueless, false only via =false', () => {
    const s = setup();
    assert.deepEqual(s.f.parse(['--force', 'false']), ['false']);
    assert.equal(s.force.value, true);
    s.f.parse(['--force=false']);
    assert.equal(s.force.value, false);
  });

  it('intersperses flags and positionals and stops at --', () => {
    const s = setup();
    assert.deepEqual(s.f.parse(['deploy', 'mysql', '-n', '2', 'db', '--', '-x', '--force']), [
      'deploy',
      'mysql',
      'db',
      '-x',
      '--force',
    ]);
    assert.equal(s.force.value, false);
  });

  it('stops at the first positional when not interspersed', () => {
    const s = setup();
    assert.deepEqual(s.f.parse(['--force', '0', '-n', '2'], false), ['0', '-n', '2']);
  });

  it('repeats list flags', () => {
    const s = setup();
    s.f.parse(['--config', 'a=1', '--config=b=2']);
    assert.deepEqual(s.config.value, ['a=1', 'b=2']);
  });

  it('reports errors in gnuflag wording', () => {
    assert.throws(() => setup().f.parse(['--foo']), new UsageError('option provided but not defined: --foo'));
    assert.throws(() => setup().f.parse(['-z']), new UsageError('option provided but not defined: -z'));
    assert.throws(() => setup().f.parse(['--model']), new UsageError('option needs an argument: --model'));
    assert.throws(
      () => setup().f.parse(['-n', 'x']),
      new UsageError('invalid value "x" for option -n: strconv.ParseInt: parsing "x": invalid syntax'),
    );
    assert.throws(() => setup().f.parse(['--force=maybe']), /invalid value "maybe" for option --force/);
  });

  it('keeps a lone dash as a positional', () => {
    assert.deepEqual(setup().f.parse(['-']), ['-']);
  });

  it('prints defaults like gnuflag', () => {
    const f = new FlagSet();
    f.string(['m', 'model'], '', 'Model to operate in');
    f.bool('B', false, 'No browser');
    f.bool('no-prompt', false, 'Do not ask');
    assert.equal(
      formatFlagDefaults(f.definitions()),
      '-B  (= false)\n    No browser\n-m, --model (= "")\n    Model to operate in\n--no-prompt  (= false)\n    Do not ask',
    );
  });
});
