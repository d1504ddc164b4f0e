/** SQL for the user domain (user_account, plus the user's own permission rows). */
import type { Database } from '../../state/database.js';
import type { UserState } from './service.js';
import type { InsertUserArgs, UserRecord } from './types.js';

interface UserRow {
  uuid: string;
  name: string;
  display_name: string;
  created_by: string;
  created_at: string;
  last_login: string | null;
  disabled: number;
  removed: number;
  password_hash: string | null;
  password_salt: string | null;
  secret_key: string | null;
}

const USER_COLUMNS = `uuid, name, display_name, created_by, created_at, last_login, disabled, removed,
  password_hash, password_salt, secret_key`;

function toRecord(r: UserRow): UserRecord {
  return {
    uuid: r.uuid,
    name: r.name,
    displayName: r.display_name,
    createdBy: r.created_by,
    createdAt: r.created_at,
    lastLogin: r.last_login,
    disabled: r.disabled !== 0,
    removed: r.removed !== 0,
    passwordHash: r.password_hash,
    passwordSalt: r.password_salt,
    secretKey: r.secret_key,
  };
}

/** {@link UserState} over the controller database. */
export class SqlUserState implements UserState {
  constructor(private readonly db: Database) {}

  insertUser(a: InsertUserArgs): boolean {
    return this.db.txn((tx) => {
      if (tx.get('SELECT 1 AS x FROM user_account WHERE name_key = ?', [a.nameKey]) !== undefined)
        return false;
      tx.run(
        `INSERT INTO user_account (uuid, name, name_key, display_name, password_hash, password_salt, secret_key,
                                   created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          a.uuid,
          a.name,
          a.nameKey,
          a.displayName,
          a.passwordHash,
          a.passwordSalt,
          a.secretKey,
          a.createdBy,
          a.createdAt,
        ],
      );
      tx.run(
        `INSERT INTO permission (object_kind, object_key, subject_key, access, created_by, created_at)
         VALUES ('controller', 'controller', ?, ?, ?, ?)
         ON CONFLICT (object_kind, object_key, subject_key) DO UPDATE SET access = excluded.access`,
        [a.nameKey, a.controllerAccess, a.createdBy, a.createdAt],
      );
      return true;
    });
  }

  userByKey(nameKey: string): UserRecord | undefined {
    const row = this.db.read((tx) =>
      tx.get<UserRow>(`SELECT ${USER_COLUMNS} FROM user_account WHERE name_key = ?`, [nameKey]),
    );
    return row === undefined ? undefined : toRecord(row);
  }

  listUsers(includeDisabled: boolean): UserRecord[] {
    const sql = includeDisabled
      ? `SELECT ${USER_COLUMNS} FROM user_account WHERE removed = 0 ORDER BY name_key`
      : `SELECT ${USER_COLUMNS} FROM user_account WHERE removed = 0 AND disabled = 0 ORDER BY name_key`;
    return this.db.read((tx) => tx.all<UserRow>(sql)).map(toRecord);
  }

  setPassword(nameKey: string, hash: string, salt: string): void {
    this.db.txn((tx) =>
      tx.run(
        'UPDATE user_account SET password_hash = ?, password_salt = ?, secret_key = NULL WHERE name_key = ?',
        [hash, salt, nameKey],
      ),
    );
  }

  setSecretKey(nameKey: string, secretKey: string): void {
    this.db.txn((tx) =>
      tx.run(
        'UPDATE user_account SET secret_key = ?, password_hash = NULL, password_salt = NULL WHERE name_key = ?',
        [secretKey, nameKey],
      ),
    );
  }

  setDisabled(nameKey: string, disabled: boolean): void {
    this.db.txn((tx) =>
      tx.run('UPDATE user_account SET disabled = ? WHERE name_key = ?', [disabled, nameKey]),
    );
  }

  markRemoved(nameKey: string): void {
    this.db.txn((tx) => {
      tx.run(
        'UPDATE user_account SET removed = 1, password_hash = NULL, password_salt = NULL, secret_key = NULL WHERE name_key = ?',
        [nameKey],
      );
      tx.run('DELETE FROM permission WHERE subject_key = ?', [nameKey]);
    });
  }

  recordLogin(nameKey: string, at: string, modelUuid: string | null): void {
    this.db.txn((tx) => {
      tx.run('UPDATE user_account SET last_login = ? WHERE name_key = ?', [at, nameKey]);
      if (modelUuid !== null) {
        tx.run(
          `INSERT INTO model_last_connection (model_uuid, user_key, last_connection) VALUES (?, ?, ?)
           ON CONFLICT (model_uuid, user_key) DO UPDATE SET last_connection = excluded.last_connection`,
          [modelUuid, nameKey, at],
        );
      }
    });
  }

  controllerOwnerKey(): string | undefined {
    const row = this.db.read((tx) =>
      tx.get<{ owner_key: string }>('SELECT owner_key FROM model WHERE is_controller_model = 1'),
    );
    return row?.owner_key;
  }
}
