/** Client of the `Secrets` facade (`ListSecrets`). */
import type { ApiConnection } from '../../../api/connection.js';
import type { ListSecretResult, ListSecretResults, SecretsFilterWire } from '../../../rpc/params/secrets.js';

/** Secrets of the connected model matching `filter`; values only with `reveal`. */
export async function listSecrets(
  conn: ApiConnection,
  filter: SecretsFilterWire,
  reveal: boolean,
): Promise<ListSecretResult[]> {
  const version = conn.bestVersion('Secrets', [1, 2]) || 2;
  const r = await conn.call<ListSecretResults>(
    'Secrets',
    'ListSecrets',
    { 'show-secrets': reveal, filter },
    { version },
  );
  return r.results ?? [];
}
