import { after, before, it } from 'node:test';
import { actionsFixture, type ActionsFixture } from './fixture.js';
let a: ActionsFixture;
before(async () => { a = await actionsFixture(); });
after(async () => { await a?.close(); });
it('scratch', async () => {
  const stop = a.agent((t) => ({ status: 'completed', results: { pong: 'yes', 'return-code': 0, stdout: 'hello\n' }, logs: ['one', 'two'] }));
  for (const args of [
    ['run', 'pinger/0', 'ping'],
    ['run', 'pinger/0', 'ping', '--format', 'json'],
    ['run', 'pinger/leader', 'ping', '--format', 'yaml', 'count=3'],
    ['run', 'pinger/0', 'pinger/1', 'ping'],
    ['run', 'pinger/42', 'ping', '--format', 'json'],
    ['run', 'pinger/0', 'nope'],
    ['run', 'pinger/0', 'ping', 'count=x'],
    ['exec', '--unit', 'pinger/0', '--', 'echo', 'hi there'],
    ['exec', '--unit', 'pinger/0', '--format', 'json', '--', 'echo', 'hi'],
    ['exec', '--machine', '0', '--format', 'yaml', '--', 'echo', 'hi'],
    ['operations'],
    ['operations', '--format', 'yaml'],
    ['show-operation', '1'],
    ['show-task', '2'],
    ['show-task', '2', '--format', 'json'],
    ['actions', 'pinger'],
    ['actions', 'pinger', '--schema'],
    ['actions', 'pinger', '--format', 'json'],
    ['show-action', 'pinger', 'ping'],
    ['cancel-task', '2'],
  ]) {
    const r = await a.juju(args);
    console.log(`\n=== juju ${args.join(' ')} -> ${r.code}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}`);
  }
  stop();
});
