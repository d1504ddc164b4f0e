import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';

import { isJujuError, ErrorCode } from '../../../src/core/errors.js';
import { Database } from '../../../src/state/database.js';
import { appliedMigrations, schemaVersion, type Migration } from '../../../src/state/migrations.js';
import { CONTROLLER_MIGRATIONS } from '../../../src/state/schema/index.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'juju-state-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
const freshPath = (): string => join(dir, `db-${++counter}.sqlite`);

function withDb<T>(path: string, fn: (db: Database) => T, opts: Parameters<typeof Database.open>[1] = {}): T {
  const db = Database.open(path, opts);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('Database', () => {
  it('opens in WAL mode with foreign keys on', () => {
    withDb(freshPath(), (db) => {
      const mode = db.read((tx) => tx.get<{ journal_mode: string }>('PRAGMA journal_mode'));
      assert.equal(mode?.journal_mode, 'wal');
      const fk = db.read((tx) => tx.get<{ foreign_keys: number }>('PRAGMA foreign_keys'));
      assert.equal(fk?.foreign_keys, 1);
      const sync = db.read((tx) => tx.get<{ synchronous: number }>('PRAGMA synchronous'));
      assert.equal(sync?.synchronous, 1); // NORMAL
    });
  });

  it('commits a transaction and rolls back on throw', () => {
    withDb(freshPath(), (db) => {
      db.txn((tx) => tx.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['a', '1']));
      assert.throws(
        () =>
          db.txn((tx) => {
            tx.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['b', '2']);
            throw new Error('boom');
          }),
        /boom/,
      );
      const rows = db.read((tx) => tx.all<{ key: string }>('SELECT key FROM controller_config ORDER BY key'));
      assert.deepEqual(
        rows.map((r) => r.key),
        ['a'],
      );
      assert.equal(db.inTransaction, false);
    });
  });

  it('nests transactions as savepoints', () => {
    withDb(freshPath(), (db) => {
      db.txn((tx) => {
        tx.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['outer', '1']);
        assert.throws(() =>
          db.txn((inner) => {
            inner.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['inner', '1']);
            throw new Error('inner failure');
          }),
        );
        db.txn((inner) =>
          inner.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['kept', '1']),
        );
      });
      const keys = db
        .read((tx) => tx.all<{ key: string }>('SELECT key FROM controller_config ORDER BY key'))
        .map((r) => r.key);
      assert.deepEqual(keys, ['kept', 'outer']);
    });
  });

  it('refuses a write transaction inside a read', () => {
    withDb(freshPath(), (db) => {
      assert.throws(() => db.read(() => db.txn(() => 1)), /inside a read transaction/);
      assert.equal(
        db.txn(() => db.read(() => 2)),
        2,
      );
    });
  });

  it('refuses asynchronous transaction functions', () => {
    withDb(freshPath(), (db) => {
      assert.throws(() => db.txn(() => Promise.resolve(1)), /synchronous/);
    });
  });

  it('binds booleans and undefined', () => {
    withDb(freshPath(), (db) => {
      db.txn((tx) =>
        tx.run(
          `INSERT INTO user_account (uuid, name, name_key, disabled, created_by, created_at, last_login)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          ['u1', 'bob', 'bob', true, 'admin', '2024-01-01T00:00:00.000Z', undefined],
        ),
      );
      const row = db.read((tx) =>
        tx.get<{ disabled: number; last_login: string | null }>(
          'SELECT disabled, last_login FROM user_account',
        ),
      );
      assert.deepEqual({ ...row }, { disabled: 1, last_login: null });
    });
  });

  it('enforces foreign keys', () => {
    withDb(freshPath(), (db) => {
      assert.throws(
        () =>
          db.txn((tx) =>
            tx.run('INSERT INTO model_config (model_uuid, key, value) VALUES (?, ?, ?)', [
              'missing',
              'k',
              '"v"',
            ]),
          ),
        /FOREIGN KEY/,
      );
    });
  });

  it('throws after close', () => {
    const db = Database.open(freshPath());
    db.close();
    db.close();
    assert.throws(() => db.read(() => 1), /closed/);
  });
});

describe('migrations', () => {
  it('creates a fresh database at the latest version', () => {
    withDb(freshPath(), (db) => {
      assert.equal(schemaVersion(db), CONTROLLER_MIGRATIONS.length);
      const applied = appliedMigrations(db);
      assert.deepEqual(
        applied.map((m) => m.name),
        CONTROLLER_MIGRATIONS.map((m) => m.name),
      );
    });
  });

  it('is idempotent when opened again', () => {
    const path = freshPath();
    const first = withDb(path, (db) => appliedMigrations(db));
    const second = withDb(path, (db) => appliedMigrations(db));
    assert.deepEqual(second, first);
  });

  it('upgrades an older database and keeps its data', () => {
    const path = freshPath();
    withDb(
      path,
      (db) => {
        assert.equal(schemaVersion(db), 1);
        db.txn((tx) =>
          tx.run(`INSERT INTO cloud (name, type, created_at) VALUES (?, ?, ?)`, [
            'lxd',
            'lxd',
            '2024-01-01T00:00:00.000Z',
          ]),
        );
        const tables = db.read((tx) =>
          tx.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'model'"),
        );
        assert.equal(tables.length, 0);
      },
      { migrations: CONTROLLER_MIGRATIONS.slice(0, 1) },
    );
    withDb(path, (db) => {
      assert.equal(schemaVersion(db), CONTROLLER_MIGRATIONS.length);
      const cloud = db.read((tx) => tx.get<{ name: string }>('SELECT name FROM cloud'));
      assert.equal(cloud?.name, 'lxd');
      const tables = db.read((tx) =>
        tx.all<{ name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('model', 'status_history')",
        ),
      );
      assert.equal(tables.length, 2);
    });
  });

  it('applies a later migration on top of the current chain', () => {
    const path = freshPath();
    withDb(path, () => undefined);
    const extra: Migration = {
      version: CONTROLLER_MIGRATIONS.length + 1,
      name: 'extra',
      sql: 'CREATE TABLE extra (id TEXT PRIMARY KEY);',
    };
    withDb(
      path,
      (db) => {
        assert.equal(schemaVersion(db), CONTROLLER_MIGRATIONS.length + 1);
      },
      { migrations: [...CONTROLLER_MIGRATIONS, extra] },
    );
    // Opening the newer database with the older chain is refused.
    assert.throws(
      () => Database.open(path),
      (err) => isJujuError(err, ErrorCode.NotSupported) && /newer/.test(err.message),
    );
  });

  it('detects an applied migration whose SQL changed', () => {
    const path = freshPath();
    withDb(path, () => undefined);
    const first = CONTROLLER_MIGRATIONS[0];
    assert.ok(first);
    const edited = [{ ...first, sql: first.sql + '\n-- edited' }, ...CONTROLLER_MIGRATIONS.slice(1)];
    assert.throws(() => Database.open(path, { migrations: edited }), /changed after it was applied/);
  });

  it('rejects gaps in the chain', () => {
    const bad: Migration[] = [{ version: 2, name: 'x', sql: 'SELECT 1' }];
    assert.throws(() => Database.open(freshPath(), { migrations: bad }), /expected 1/);
  });
});

describe('concurrency (two handles on one file)', () => {
  it('a reader sees a consistent snapshot while another handle writes', () => {
    const path = freshPath();
    const a = Database.open(path);
    const b = Database.open(path);
    try {
      a.txn((tx) => tx.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['k', '"one"']));
      b.read((tx) => {
        const before = tx.get<{ value: string }>('SELECT value FROM controller_config WHERE key = ?', ['k']);
        a.txn((w) => w.run('UPDATE controller_config SET value = ? WHERE key = ?', ['"two"', 'k']));
        const during = tx.get<{ value: string }>('SELECT value FROM controller_config WHERE key = ?', ['k']);
        assert.equal(before?.value, '"one"');
        assert.equal(during?.value, '"one"');
      });
      const afterRead = b.read((tx) =>
        tx.get<{ value: string }>('SELECT value FROM controller_config WHERE key = ?', ['k']),
      );
      assert.equal(afterRead?.value, '"two"');
    } finally {
      a.close();
      b.close();
    }
  });

  it('a second writer gets "try again" while the first holds the write lock', () => {
    const path = freshPath();
    const a = Database.open(path);
    const b = Database.open(path, { busyTimeoutMs: 20, maxAttempts: 2 });
    try {
      a.txn((tx) => {
        tx.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['a', '1']);
        assert.throws(
          () => b.txn((w) => w.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['b', '1'])),
          (err) => isJujuError(err, ErrorCode.TryAgain),
        );
      });
      b.txn((w) => w.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['b', '1']));
      assert.equal(a.read((tx) => tx.all('SELECT key FROM controller_config')).length, 2);
    } finally {
      a.close();
      b.close();
    }
  });

  it('writers in separate threads do not lose updates', async () => {
    const path = freshPath();
    withDb(path, (db) =>
      db.txn((tx) => tx.run('INSERT INTO controller_config (key, value) VALUES (?, ?)', ['n', '0'])),
    );
    const dbModule = new URL('../../../src/state/database.js', import.meta.url).href;
    const script = `
      const { workerData, parentPort } = require('node:worker_threads');
      import(workerData.dbModule).then(({ Database }) => {
        const db = Database.open(workerData.path, { busyTimeoutMs: 10000 });
        for (let i = 0; i < workerData.count; i++) {
          db.txn((tx) => {
            const row = tx.get('SELECT value FROM controller_config WHERE key = ?', ['n']);
            tx.run('UPDATE controller_config SET value = ? WHERE key = ?', [String(Number(row.value) + 1), 'n']);
          });
        }
        db.close();
        parentPort.postMessage('done');
      }).catch((err) => { parentPort.postMessage('error: ' + err.message); });
    `;
    const count = 200;
    const run = (): Promise<string> =>
      new Promise((resolve, reject) => {
        const w = new Worker(script, { eval: true, workerData: { path, dbModule, count } });
        w.once('message', (m: string) => resolve(m));
        w.once('error', reject);
      });
    const results = await Promise.all([run(), run(), run()]);
    assert.deepEqual(results, ['done', 'done', 'done']);
    const total = withDb(path, (db) =>
      db.read((tx) => tx.get<{ value: string }>('SELECT value FROM controller_config WHERE key = ?', ['n'])),
    );
    assert.equal(total?.value, String(count * 3));
  });
});
