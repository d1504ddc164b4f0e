/** SQL for the access domain (the permission table). */
import type { Database } from '../../state/database.js';
import type { AccessState, SetAccessArgs, UserStanding } from './service.js';
import type { AccessTargetKind, UserAccess } from './types.js';

/** {@link AccessState} over the controller database. */
export class SqlAccessState implements AccessState {
  constructor(private readonly db: Database) {}

  getAccess(kind: AccessTargetKind, key: string, subjectKey: string): string | undefined {
    return this.db.read(
      (tx) =>
        tx.get<{ access: string }>(
          'SELECT access FROM permission WHERE object_kind = ? AND object_key = ? AND subject_key = ?',
          [kind, key, subjectKey],
        )?.access,
    );
  }

  setAccess(a: SetAccessArgs): void {
    this.db.txn((tx) =>
      tx.run(
        `INSERT INTO permission (object_kind, object_key, subject_key, access, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (object_kind, object_key, subject_key) DO UPDATE SET access = excluded.access`,
        [a.kind, a.key, a.subjectKey, a.access, a.createdBy, a.createdAt],
      ),
    );
  }

  removeAccess(kind: AccessTargetKind, key: string, subjectKey: string): boolean {
    return this.db.txn(
      (tx) =>
        tx.run('DELETE FROM permission WHERE object_kind = ? AND object_key = ? AND subject_key = ?', [
          kind,
          key,
          subjectKey,
        ]).changes > 0,
    );
  }

  targetExists(kind: AccessTargetKind, key: string): boolean {
    switch (kind) {
      case 'controller':
        return true;
      case 'model':
        return this.db.read((tx) => tx.get('SELECT 1 AS x FROM model WHERE uuid = ?', [key])) !== undefined;
      case 'cloud':
        return this.db.read((tx) => tx.get('SELECT 1 AS x FROM cloud WHERE name = ?', [key])) !== undefined;
      case 'offer':
        // Offers have no table yet; grants on them are accepted as given.
        return true;
    }
  }

  userStanding(subjectKey: string): UserStanding {
    const row = this.db.read((tx) =>
      tx.get<{ disabled: number; removed: number }>(
        'SELECT disabled, removed FROM user_account WHERE name_key = ?',
        [subjectKey],
      ),
    );
    if (row === undefined) return 'missing';
    if (row.removed !== 0) return 'removed';
    return row.disabled !== 0 ? 'disabled' : 'active';
  }

  modelOwnerKey(modelUuid: string): string | undefined {
    return this.db.read(
      (tx) =>
        tx.get<{ owner_key: string }>('SELECT owner_key FROM model WHERE uuid = ?', [modelUuid])?.owner_key,
    );
  }

  grantsOn(kind: AccessTargetKind, key: string): UserAccess[] {
    const rows = this.db.read((tx) =>
      tx.all<{
        subject_key: string;
        access: string;
        created_by: string;
        created_at: string;
        name: string | null;
        display_name: string | null;
        last_connection: string | null;
      }>(
        `SELECT p.subject_key, p.access, p.created_by, p.created_at, u.name, u.display_name, c.last_connection
           FROM permission p
           LEFT JOIN user_account u ON u.name_key = p.subject_key
           LEFT JOIN model_last_connection c
                  ON p.object_kind = 'model' AND c.model_uuid = p.object_key AND c.user_key = p.subject_key
          WHERE p.object_kind = ? AND p.object_key = ?
          ORDER BY p.subject_key`,
        [kind, key],
      ),
    );
    return rows.map((r) => ({
      user: r.name ?? r.subject_key,
      displayName: r.display_name ?? '',
      access: r.access,
      createdBy: r.created_by,
      dateCreated: r.created_at,
      lastConnection: r.last_connection,
    }));
  }

  grantsOf(subjectKey: string, kind: AccessTargetKind): { key: string; access: string }[] {
    return this.db.read((tx) =>
      tx
        .all<{ object_key: string; access: string }>(
          'SELECT object_key, access FROM permission WHERE subject_key = ? AND object_kind = ? ORDER BY object_key',
          [subjectKey, kind],
        )
        .map((r) => ({ key: r.object_key, access: r.access })),
    );
  }
}
