/**
 * Child process used by the client store tests: runs one scenario against a
 * data directory given on the command line, so several real processes can
 * contend for the store lock. Usage: node store-child.js '<json>'.
 */
import { ClientStore } from '../../../src/clientstore/index.js';

interface Args {
  op: 'hammer' | 'hold-lock' | 'crash-before-rename';
  dir: string;
  id?: string;
  count?: number;
  holdMs?: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

switch (args.op) {
  case 'hammer': {
    // Each iteration: one plain read-modify-write (a model), one per-cloud
    // credential, and a counter bumped inside a transaction. Any lost update
    // shows up as a missing model/credential or a short counter.
    const store = new ClientStore(args.dir, { lockTimeoutMs: 30_000 });
    for (let i = 0; i < (args.count ?? 10); i++) {
      store.updateModel('ctrl', `admin/${args.id}-${i}`, { uuid: `${args.id}-uuid-${i}`, type: 'iaas' });
      store.updateCredential('shared', `${args.id}-${i}`, {
        authType: 'userpass',
        attributes: { username: `${args.id}` },
      });
      store.transaction((s) => {
        s.updateController('ctrl', (c) => ({ ...c, machineCount: (c.machineCount ?? 0) + 1 }));
      }, 'bump counter');
    }
    break;
  }
  case 'hold-lock': {
    const store = new ClientStore(args.dir);
    store.transaction(() => {
      process.stdout.write('ready\n');
      Atomics.wait(sleeper, 0, 0, args.holdMs ?? 2000);
    }, 'hold lock');
    break;
  }
  case 'crash-before-rename': {
    // Die (SIGKILL, no cleanup) after the new content is fully written to the
    // temporary file but before it replaces accounts.yaml.
    const store = new ClientStore(args.dir, {
      writeHooks: { beforeRename: () => process.kill(process.pid, 'SIGKILL') },
    });
    store.updateAccount('ctrl', { user: 'admin', password: 'new-password' });
    break;
  }
}
