/**
 * `models.yaml`: per controller, the cached models (keyed by owner-qualified
 * name, e.g. `admin/default`) and the current model.
 */
import type { ControllerModels, ModelDetails, ModelType } from './types.js';
import { field, mapEntries, optStr, parseStoreText, str } from './decode.js';
import { goMap, stringifyYamlV2 } from './yaml-v2.js';
import type { YamlMapping, YamlTree } from './yaml-v2.js';
import { setIfPresent } from './encode.js';

/** Controller name → its cached models. */
export type ModelsFile = Record<string, ControllerModels>;

export function parseModelsFile(text: string | undefined): ModelsFile {
  const doc = parseStoreText(text, 'models');
  const out: ModelsFile = {};
  for (const [ctrl, raw] of mapEntries(doc.get('controllers'), 'controllers')) {
    const models: Record<string, ModelDetails> = {};
    for (const [name, m] of mapEntries(field(raw, 'models'), `models of ${ctrl}`)) {
      models[name] = {
        uuid: str(field(m, 'uuid')),
        type: (optStr(field(m, 'type')) ?? 'iaas') as ModelType,
        branch: optStr(field(m, 'branch')) ?? 'master',
      };
    }
    const entry: ControllerModels = { models };
    const current = optStr(field(raw, 'current-model'));
    if (current !== undefined) entry.currentModel = current;
    const previous = optStr(field(raw, 'previous-model'));
    if (previous !== undefined) entry.previousModel = previous;
    out[ctrl] = entry;
  }
  return out;
}

export function formatModelsFile(file: ModelsFile): string {
  const root: YamlMapping = new Map();
  root.set('controllers', goMap(file, encodeControllerModels));
  return stringifyYamlV2(root);
}

function encodeControllerModels(c: ControllerModels): YamlTree {
  const m: YamlMapping = new Map();
  if (Object.keys(c.models).length > 0) m.set('models', goMap(c.models, encodeModel));
  setIfPresent(m, 'current-model', c.currentModel);
  setIfPresent(m, 'previous-model', c.previousModel);
  return m;
}

function encodeModel(d: ModelDetails): YamlTree {
  return new Map<string, YamlTree>([
    ['uuid', d.uuid],
    ['type', d.type],
    ['branch', d.branch],
  ]);
}
