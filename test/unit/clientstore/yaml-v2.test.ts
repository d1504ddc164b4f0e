/** The yaml.v2 look-alike writer: key order, quoting styles, flow collections, literal blocks. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  anyValue,
  compareGoKeys,
  flow,
  goMap,
  parseYaml,
  stringifyYamlV2,
} from '../../../src/clientstore/index.js';
import type { YamlTree } from '../../../src/clientstore/index.js';

const one = (value: YamlTree): string => stringifyYamlV2(new Map([['k', value]]));

describe('yaml.v2 key order', () => {
  it('sorts map keys naturally, non-letters before letters', () => {
    const keys = [
      'ctrl10',
      'ctrl9',
      'b',
      'a-b',
      'ab',
      'A',
      'm2x',
      'm10',
      '_x',
      'admin/default',
      'admin/controller',
    ];
    assert.deepEqual([...keys].sort(compareGoKeys), [
      '_x',
      'A',
      'a-b',
      'ab',
      'admin/controller',
      'admin/default',
      'b',
      'ctrl9',
      'ctrl10',
      'm2x',
      'm10',
    ]);
  });

  it('keeps struct field order and sorts Go maps', () => {
    const tree = new Map<string, YamlTree>([
      ['zeta', 1],
      ['alpha', goMap({ b: 2, a: 1, '10': 'ten', '9': 'nine' }, (v) => v)],
    ]);
    assert.equal(stringifyYamlV2(tree), 'zeta: 1\nalpha:\n  "9": nine\n  "10": ten\n  a: 1\n  b: 2\n');
  });
});

describe('yaml.v2 string styles', () => {
  const cases: [string, string][] = [
    ['plain', 'plain'],
    ['3.6.4', '3.6.4'],
    ['10.0.0.2:17070', '10.0.0.2:17070'],
    ['http://host/path', 'http://host/path'],
    ['ubuntu@22.04', 'ubuntu@22.04'],
    ['<root>=INFO', '<root>=INFO'],
    ['', '""'],
    ['true', '"true"'],
    ['yes', '"yes"'],
    ['n', '"n"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['123', '"123"'],
    ['3.6', '"3.6"'],
    ['1e5', '"1e5"'],
    ['0x1F', '"0x1F"'],
    ['1:20', '"1:20"'],
    ['2024-01-02', '"2024-01-02"'],
    ['a: b', "'a: b'"],
    ['- item', "'- item'"],
    ['#comment', "'#comment'"],
    ['a #b', "'a #b'"],
    ['@at', "'@at'"],
    ['*star', "'*star'"],
    [' lead', "' lead'"],
    ['trail ', "'trail '"],
    ["it's", "it's"],
    ["'quoted'", "'''quoted'''"],
    ['tab\there', '"tab\\there"'],
  ];
  for (const [input, written] of cases) {
    it(`${JSON.stringify(input)} → ${written}`, () => {
      assert.equal(one(input), `k: ${written}\n`);
      assert.equal(
        parseYaml(one(input)) instanceof Map
          ? (parseYaml(one(input)) as Map<string, unknown>).get('k')
          : undefined,
        input,
      );
    });
  }

  it('writes multi-line text as a literal block', () => {
    assert.equal(one('line1\nline2\n'), 'k: |\n  line1\n  line2\n');
    assert.equal(one('line1\nline2'), 'k: |-\n  line1\n  line2\n');
    assert.equal(one('a \nb'), 'k: "a \\nb"\n');
  });

  it('quotes colons and brackets inside flow collections', () => {
    assert.equal(
      one(flow(['10.0.0.2:17070', '[fd00::1]:17070', 'host'])),
      "k: ['10.0.0.2:17070', '[fd00::1]:17070', host]\n",
    );
    assert.equal(one(flow([])), 'k: []\n');
    assert.equal(one(flow(goMap({ h: ['1.2.3.4'] }, (v) => v))), 'k: {h: [1.2.3.4]}\n');
  });
});

describe('yaml.v2 block layout', () => {
  it('does not indent sequences under their key and indents literals inside items', () => {
    const tree = new Map<string, YamlTree>([
      [
        'list',
        [
          'a',
          new Map<string, YamlTree>([
            ['x', 1],
            ['w', [true]],
          ]),
        ],
      ],
      ['pems', ['-----BEGIN-----\nAAA\n-----END-----\n']],
      ['empty', new Map()],
    ]);
    assert.equal(
      stringifyYamlV2(tree),
      'list:\n- a\n- x: 1\n  w:\n  - true\npems:\n- |\n  -----BEGIN-----\n  AAA\n  -----END-----\nempty: {}\n',
    );
  });

  it('writes numbers, booleans and null as yaml.v2 does', () => {
    assert.equal(
      stringifyYamlV2(anyValue({ i: 17070, f: 0.5, t: true, z: null, inf: Infinity, nan: NaN })),
      'f: 0.5\ni: 17070\ninf: .inf\nnan: .nan\nt: true\nz: null\n',
    );
  });
});

describe('reading', () => {
  it('reads YAML 1.1 booleans but keeps timestamps and sexagesimals as strings, as yaml.v2 does', () => {
    const doc = parseYaml('a: yes\nb: 2024-01-02\nc: 1:20\nd: 0755\n') as Map<string, unknown>;
    assert.equal(doc.get('a'), true);
    assert.equal(doc.get('b'), '2024-01-02');
    assert.equal(doc.get('c'), '1:20');
    assert.equal(doc.get('d'), 493);
  });
});
