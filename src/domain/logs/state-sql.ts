/** SQL for the logs domain (log_record, log_usage). */
import type { Database } from '../../state/database.js';
import type { SqlValue } from '../../state/executor.js';
import { fromJson, toJson } from '../common/json.js';
import { logLevelName } from './levels.js';
import type { LogState } from './service.js';
import type { InsertLogArgs, LogFilter, LogRecord, LogUsage } from './types.js';

interface LogRow {
  model_uuid: string;
  id: number;
  entity: string;
  ts: number;
  module: string;
  location: string;
  level: number;
  message: string;
  labels: string;
}

const LOG_COLUMNS = 'model_uuid, id, entity, ts, module, location, level, message, labels';
const TRIM_BATCH = 1000;

function toRecord(r: LogRow): LogRecord {
  return {
    id: r.id,
    modelUuid: r.model_uuid,
    entity: r.entity,
    timestamp: r.ts,
    module: r.module,
    location: r.location,
    level: r.level,
    levelName: logLevelName(r.level),
    message: r.message,
    labels: fromJson<string[]>(r.labels, []),
  };
}

/** Escapes LIKE metacharacters (escape character `\`). */
function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `unit-mysql-*` -> `unit-mysql-%` (other characters literal). */
function wildcardToLike(pattern: string): string {
  return pattern.split('*').map(escapeLike).join('%');
}

/** {@link LogState} over the controller database. */
export class SqlLogState implements LogState {
  constructor(private readonly db: Database) {}

  modelExists(modelUuid: string): boolean {
    return this.db.read((tx) => tx.get('SELECT 1 AS x FROM model WHERE uuid = ?', [modelUuid])) !== undefined;
  }

  insertRecords(modelUuid: string, records: readonly InsertLogArgs[]): number {
    return this.db.txn((tx) => {
      tx.run(
        `INSERT INTO log_usage (model_uuid, last_id, bytes) VALUES (?, 0, 0) ON CONFLICT (model_uuid) DO NOTHING`,
        [modelUuid],
      );
      const usage = tx.get<{ last_id: number }>('SELECT last_id FROM log_usage WHERE model_uuid = ?', [
        modelUuid,
      ]);
      let id = usage?.last_id ?? 0;
      let bytes = 0;
      for (const r of records) {
        id++;
        bytes += r.size;
        tx.run(
          `INSERT INTO log_record (model_uuid, id, entity, ts, module, location, level, message, labels, size)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            modelUuid,
            id,
            r.entity,
            r.timestamp,
            r.module,
            r.location,
            r.level,
            r.message,
            toJson(r.labels),
            r.size,
          ],
        );
      }
      tx.run('UPDATE log_usage SET last_id = ?, bytes = bytes + ? WHERE model_uuid = ?', [
        id,
        bytes,
        modelUuid,
      ]);
      return id;
    });
  }

  trimTo(modelUuid: string, maxBytes: number): number {
    return this.db.txn((tx) => {
      const usage = tx.get<{ bytes: number }>('SELECT bytes FROM log_usage WHERE model_uuid = ?', [
        modelUuid,
      ]);
      let excess = (usage?.bytes ?? 0) - maxBytes;
      let removed = 0;
      let after = 0;
      while (excess > 0) {
        const batch = tx.all<{ id: number; size: number }>(
          'SELECT id, size FROM log_record WHERE model_uuid = ? AND id > ? ORDER BY id LIMIT ?',
          [modelUuid, after, TRIM_BATCH],
        );
        if (batch.length === 0) break;
        let cutoff = after;
        let freed = 0;
        let count = 0;
        for (const r of batch) {
          if (excess - freed <= 0) break;
          freed += r.size;
          cutoff = r.id;
          count++;
        }
        tx.run('DELETE FROM log_record WHERE model_uuid = ? AND id > ? AND id <= ?', [
          modelUuid,
          after,
          cutoff,
        ]);
        tx.run('UPDATE log_usage SET bytes = bytes - ? WHERE model_uuid = ?', [freed, modelUuid]);
        excess -= freed;
        removed += count;
        after = cutoff;
      }
      return removed;
    });
  }

  query(modelUuid: string, f: LogFilter): LogRecord[] {
    const conds: string[] = ['model_uuid = ?'];
    const params: SqlValue[] = [modelUuid];
    const anyOf = (column: string, patterns: readonly string[], like: (p: string) => string): string =>
      `(${patterns
        .map((p) => {
          params.push(like(p));
          return `${column} LIKE ? ESCAPE '\\'`;
        })
        .join(' OR ')})`;
    if (f.includeEntity.length > 0) conds.push(anyOf('entity', f.includeEntity, wildcardToLike));
    if (f.excludeEntity.length > 0) conds.push(`NOT ${anyOf('entity', f.excludeEntity, wildcardToLike)}`);
    // A module filter names a logger and its children: `juju.worker` matches
    // `juju.worker` and `juju.worker.uniter`, never `juju.workerx`.
    const moduleTree = (patterns: readonly string[]): string =>
      `(${patterns
        .map((p) => {
          params.push(p, `${escapeLike(p)}.%`);
          return `(module = ? OR module LIKE ? ESCAPE '\\')`;
        })
        .join(' OR ')})`;
    if (f.includeModule.length > 0) conds.push(moduleTree(f.includeModule));
    if (f.excludeModule.length > 0) conds.push(`NOT ${moduleTree(f.excludeModule)}`);
    // Labels are stored as a JSON array; a label matches as its quoted JSON string.
    const labelLike = (p: string): string => `%${escapeLike(JSON.stringify(p))}%`;
    if (f.includeLabel.length > 0) conds.push(anyOf('labels', f.includeLabel, labelLike));
    if (f.excludeLabel.length > 0) conds.push(`NOT ${anyOf('labels', f.excludeLabel, labelLike)}`);
    if (f.minLevel > 0) {
      conds.push('level >= ?');
      params.push(f.minLevel);
    }
    if (f.afterId > 0) {
      conds.push('id > ?');
      params.push(f.afterId);
    }
    if (f.startTime > 0) {
      conds.push('ts >= ?');
      params.push(f.startTime);
    }
    const where = conds.join(' AND ');
    return this.db.read((tx) => {
      if (f.backlog > 0) {
        const rows = tx.all<LogRow>(
          `SELECT ${LOG_COLUMNS} FROM log_record WHERE ${where} ORDER BY id DESC LIMIT ?`,
          [...params, f.backlog],
        );
        return rows.reverse().map(toRecord);
      }
      return tx
        .all<LogRow>(`SELECT ${LOG_COLUMNS} FROM log_record WHERE ${where} ORDER BY id LIMIT ?`, [
          ...params,
          f.limit,
        ])
        .map(toRecord);
    });
  }

  usage(modelUuid: string): LogUsage {
    return this.db.read((tx) => {
      const u = tx.get<{ last_id: number; bytes: number }>(
        'SELECT last_id, bytes FROM log_usage WHERE model_uuid = ?',
        [modelUuid],
      );
      const n = tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM log_record WHERE model_uuid = ?', [
        modelUuid,
      ]);
      return { records: n?.n ?? 0, bytes: u?.bytes ?? 0, lastId: u?.last_id ?? 0 };
    });
  }
}
