/**
 * What application and machine commands need to know about the target
 * model before acting: its provider type (the local cloud refuses
 * containers), whether removals ask first (`mode` contains
 * `requires-prompts`), and its default base.
 */
import type { ApiConnection } from '../../../api/connection.js';
import type { ModelConfigResults } from '../../../rpc/params/model-config.js';

/** The cloud type whose machines cannot hold containers. */
export const LOCAL_PROVIDER = 'local';

/** Facts read from the model's config. */
export interface ModelFacts {
  /** Provider type, e.g. `local`. */
  readonly providerType: string;
  /** `mode` contains `requires-prompts`. */
  readonly requiresPrompts: boolean;
  /** `default-base`, '' when unset. */
  readonly defaultBase: string;
}

/** Model types, which some controllers report where the provider type belongs. */
const MODEL_TYPES: readonly string[] = ['', 'iaas', 'caas'];

/** How to learn the provider type when the model config does not carry it. */
export interface ProviderLookup {
  readonly modelUuid: string;
  /** A logged-in controller connection (for `ModelManager.ModelInfo`). */
  readonly controllerApi: () => Promise<ApiConnection>;
}

/** `provider-type` from `ModelManager.ModelInfo`, '' when unknown. */
async function providerFromModelInfo(lookup: ProviderLookup): Promise<string> {
  try {
    const conn = await lookup.controllerApi();
    const reply = await conn.call<{ results?: { result?: { 'provider-type'?: string } }[] }>(
      'ModelManager',
      'ModelInfo',
      { entities: [{ tag: `model-${lookup.modelUuid}` }] },
    );
    return reply.results?.[0]?.result?.['provider-type'] ?? '';
  } catch {
    return '';
  }
}

/**
 * Reads the facts with `ModelConfig.ModelGet`; the provider type comes from
 * the config's `type`, else (given `lookup`) from the model's info.
 */
export async function modelFacts(conn: ApiConnection, lookup?: ProviderLookup): Promise<ModelFacts> {
  const { config } = await conn.call<ModelConfigResults>('ModelConfig', 'ModelGet');
  const text = (key: string): string => {
    const value = config[key]?.value;
    return typeof value === 'string' ? value : '';
  };
  let providerType = text('type');
  if (MODEL_TYPES.includes(providerType) && lookup !== undefined)
    providerType = await providerFromModelInfo(lookup);
  return {
    providerType,
    requiresPrompts: text('mode')
      .split(',')
      .map((m) => m.trim())
      .includes('requires-prompts'),
    defaultBase: text('default-base'),
  };
}
