/** Test fixture: a real controller database in a temp dir with services on a manual clock. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { isJujuError } from '../../../src/core/errors.js';
import { newUUID } from '../../../src/core/names.js';
import {
  initializeController,
  type BootstrapParams,
  type BootstrapResult,
} from '../../../src/domain/bootstrap.js';
import { ManualClock } from '../../../src/domain/common/clock.js';
import { createServices, type ControllerServices } from '../../../src/domain/services.js';
import { Database } from '../../../src/state/database.js';

export interface Fixture {
  readonly dir: string;
  readonly path: string;
  readonly db: Database;
  readonly clock: ManualClock;
  readonly services: ControllerServices;
  close(): void;
}

/** Opens a fresh database with services. Call `close()` in `after`/`finally`. */
export function openFixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'juju-domain-'));
  const path = join(dir, 'controller.db');
  const db = Database.open(path);
  const clock = new ManualClock('2024-05-01T10:00:00.000Z');
  const services = createServices(db, clock);
  return {
    dir,
    path,
    db,
    clock,
    services,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bootstrap parameters for a `local` cloud with two regions. */
export function bootstrapParams(overrides: Partial<BootstrapParams> = {}): BootstrapParams {
  return {
    controllerUuid: newUUID(),
    controllerName: 'ctl',
    caCert: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    cloud: {
      name: 'local',
      type: 'local',
      authTypes: ['empty', 'userpass'],
      regions: [{ name: 'default' }, { name: 'east' }],
    },
    credential: { name: 'local', authType: 'empty' },
    adminPassword: 'sekrit-admin',
    controllerModelUuid: newUUID(),
    modelConfig: {},
    modelDefaults: {},
    constraints: {},
    apiAddresses: ['127.0.0.1:17070'],
    ...overrides,
  };
}

/** A fixture whose controller was bootstrapped. */
export type BootstrappedFixture = Fixture & { readonly boot: BootstrapResult };

/** Opens a fixture and bootstraps it. */
export function bootstrappedFixture(overrides: Partial<BootstrapParams> = {}): BootstrappedFixture {
  const f = openFixture();
  try {
    const boot = initializeController(f.services, bootstrapParams(overrides));
    return Object.assign(f, { boot });
  } catch (err) {
    f.close();
    throw err;
  }
}

/** Asserts `fn` throws a JujuError with the code and exact message. */
export function assertJujuError(fn: () => unknown, code: string, message: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isJujuError(err), `expected JujuError, got ${String(err)}`);
    assert.equal(err.code, code);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}
