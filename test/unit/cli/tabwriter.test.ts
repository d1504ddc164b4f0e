import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TabWriter } from '../../../src/cli/output/tabwriter.js';
import { formatJson, formatYaml } from '../../../src/cli/output/formats.js';

describe('tabwriter', () => {
  it('pads every terminated cell and leaves the last cell unpadded', () => {
    const w = new TabWriter();
    w.row('App', 'Status', 'Message').row('mysql', 'active', '').row('wordpress', 'blocked', 'no db');
    assert.equal(
      w.toString(),
      'App        Status   Message\nmysql      active   \nwordpress  blocked  no db\n',
    );
  });

  it('aligns right where asked', () => {
    const w = new TabWriter({ alignRight: new Set([1]) });
    w.row('App', 'Scale', 'X').row('a', '1', 'y').row('b', '1/2', 'z');
    assert.equal(w.toString(), 'App  Scale  X\na        1  y\nb      1/2  z\n');
  });

  it('starts new column blocks after a blank line', () => {
    const w = new TabWriter();
    w.row('Model', 'Controller').row('m', 'c').blank().row('Machine', 'State').row('0', 'started');
    assert.equal(w.toString(), 'Model  Controller\nm      c\n\nMachine  State\n0        started\n');
  });
});

describe('formats', () => {
  it('writes compact JSON with HTML escaping like Go', () => {
    assert.equal(formatJson({ a: '<b>&' }), '{"a":"\\u003cb\\u003e\\u0026"}\n');
  });

  it('writes YAML like go-yaml v2', () => {
    assert.equal(
      formatYaml({ a: ['x', 'y'], b: { c: 'yes', d: '' }, e: {} }),
      'a:\n- x\n- "y"\nb:\n  c: "yes"\n  d: ""\ne: {}\n',
    );
  });
});
