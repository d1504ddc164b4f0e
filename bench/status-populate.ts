/**
 * Fills models of a stopped controller's database with simulated agents: for
 * every application already deployed (through the API) with no units, adds
 * units on their own machines and writes what running agents would have
 * reported: machines provisioned (instance id, address, hostname, hardware),
 * machine agents `started`, unit agents `idle`, workloads `active`, charm URL,
 * agent and workload versions, one leader per application and every unit in
 * the scope of its application's relations.
 *
 * It uses the domain services on the controller's own SQLite file and must
 * only run while the controller agent is stopped (one writer per database).
 */
import { createServices } from '../src/domain/index.js';
import { JUJU_VERSION } from '../src/core/version.js';
import { Database } from '../src/state/index.js';

/** How many units each application of a model gets. */
export interface ModelFill {
  readonly modelName: string;
  readonly unitsPerApplication: number;
}

/** What was written, per model. */
export interface FillResult {
  readonly modelName: string;
  readonly applications: number;
  readonly units: number;
  readonly machines: number;
  readonly relations: number;
}

const HOUR_MS = 3_600_000;

/** Simulated machine address: 10.200.x.y from the machine number. */
function simulatedAddress(n: number): string {
  return `10.200.${Math.floor(n / 250) % 250}.${(n % 250) + 2}`;
}

/** Writes the simulated agents into `dbPath` (see the module comment). */
export function populateModels(dbPath: string, fills: readonly ModelFill[]): FillResult[] {
  const db = Database.open(dbPath);
  try {
    const services = createServices(db);
    const results: FillResult[] = [];
    for (const fill of fills) {
      const model = services.model.list().find((m) => m.name === fill.modelName);
      if (model === undefined) throw new Error(`model ${fill.modelName} not found in ${dbPath}`);
      const uuid = model.uuid;
      results.push(
        services.atomically(() => {
          const apps = services.application.list(uuid);
          let units = 0;
          let machines = 0;
          for (const app of apps) {
            const added = services.application.addUnits(uuid, app.name, { count: fill.unitsPerApplication });
            for (const unit of added) {
              const id = unit.machineId;
              if (id === null) throw new Error(`unit ${unit.name} has no machine`);
              const n = Number(id);
              services.machine.setProvisioned(uuid, id, {
                instanceId: `sim-${fill.modelName}-${id}`,
                nonce: `sim:${id}`,
                hardware: { arch: 'amd64' },
              });
              services.machine.setAddresses(uuid, id, [
                { value: simulatedAddress(n), type: 'ipv4', scope: 'local-cloud' },
              ]);
              services.machine.setHostname(uuid, id, `sim-${fill.modelName}-${id}`);
              services.machine.setAgentVersion(uuid, id, JUJU_VERSION);
              services.machine.setAgentStatus(uuid, id, { status: 'started' });
              services.machine.setInstanceStatus(uuid, id, { status: 'running' });
              services.application.setUnitCharmUrl(uuid, unit.name, app.charmUrl);
              services.application.setUnitAgentVersion(uuid, unit.name, JUJU_VERSION);
              services.application.setUnitAgentStatus(uuid, unit.name, { status: 'idle' });
              services.application.setUnitWorkloadStatus(uuid, unit.name, {
                status: 'active',
                info: 'ready',
              });
              services.application.setWorkloadVersion(uuid, unit.name, '1.0');
              machines++;
            }
            const first = added[0];
            if (first !== undefined) services.leadership.claim(uuid, app.name, first.name, HOUR_MS);
            units += added.length;
          }
          const relations = services.relation.list(uuid);
          for (const rel of relations) {
            const appsInRelation = new Set(rel.endpoints.map((e) => e.application));
            for (const app of appsInRelation) {
              for (const unit of services.application.units(uuid, app))
                services.relation.enterScope(uuid, rel.id, unit.name);
            }
            services.relation.setStatus(uuid, rel.id, 'joined');
          }
          return {
            modelName: fill.modelName,
            applications: apps.length,
            units,
            machines,
            relations: relations.length,
          };
        }),
      );
    }
    return results;
  } finally {
    db.close();
  }
}
