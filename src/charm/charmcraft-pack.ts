/**
 * The files `charmcraft pack` derives from a unified `charmcraft.yaml`:
 * `metadata.yaml`, `config.yaml`, `actions.yaml` and `manifest.yaml`. Used when
 * packing a charm directory that only has `charmcraft.yaml`, so the packed charm
 * looks like one charmcraft built.
 */
import { stringify } from 'yaml';

import { JUJU_VERSION } from '../core/version.js';
import { parseCharmcraft } from './charmcraft.js';
import { isMap, parseYamlText } from './yaml-fields.js';

// Written as YAML 1.1 so words like `yes` stay strings when Juju reads them back.
const YAML_11 = { version: '1.1' } as const;

/** Keys copied verbatim from charmcraft.yaml into metadata.yaml. */
const METADATA_KEYS = [
  'name',
  'summary',
  'description',
  'provides',
  'requires',
  'peers',
  'extra-bindings',
  'storage',
  'resources',
  'containers',
  'assumes',
  'subordinate',
  'terms',
  'devices',
  'charm-user',
  'links',
];

/**
 * Generated file name -> text. Empty when the file holds no charm metadata (a
 * build-only charmcraft.yaml next to a metadata.yaml).
 * @throws JujuError `not valid` when charmcraft.yaml is invalid.
 */
export function charmcraftPackFiles(yamlText: string): Record<string, string> {
  const project = parseCharmcraft(yamlText);
  if (project.meta === undefined) return {};
  const raw = parseYamlText(yamlText, 'charmcraft.yaml');
  const doc = isMap(raw) ? raw : {};
  const files: Record<string, string> = {};

  const metadata: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) if (doc[key] !== undefined) metadata[key] = doc[key];
  if (doc['title'] !== undefined) metadata['display-name'] = doc['title'];
  files['metadata.yaml'] = stringify(metadata, YAML_11);

  const config = doc['config'];
  if (isMap(config) && config['options'] !== undefined)
    files['config.yaml'] = stringify({ options: config['options'] ?? {} }, YAML_11);
  if (isMap(doc['actions'])) files['actions.yaml'] = stringify(doc['actions'], YAML_11);

  if (project.bases.length > 0) {
    files['manifest.yaml'] = stringify(
      {
        'charmcraft-version': `juju-ts-${JUJU_VERSION}`,
        bases: project.bases.map((b) => ({
          name: b.name,
          channel: b.channel,
          architectures: b.architectures,
        })),
      },
      YAML_11,
    );
  }
  return files;
}
