/**
 * Agent log lines: `2026-11-25T12:00:00Z machine-1 INFO juju.worker.deployer message`,
 * written to stdout (which the provider keeps as the machine's agent log) and,
 * when a file is given, appended to that file too (`/var/log/juju/<tag>.log`).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

/** Logs one record. */
export type AgentLogger = (level: LogLevel, module: string, message: string) => void;

/** UTC time to the second, as agent logs show it. */
export function logTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const RANK: Readonly<Record<LogLevel, number>> = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 };

/**
 * The lowest level a Juju logging config (`<root>=INFO;unit=DEBUG`) asks for
 * anywhere; INFO when it says nothing (Juju's default for agents).
 */
export function lowestLevel(loggingConfig: string | undefined): LogLevel {
  return /=\s*(DEBUG|TRACE)\b/i.test(loggingConfig ?? '') ? 'DEBUG' : 'INFO';
}

/**
 * A logger for the agent `tag`; with `file`, every line is also appended
 * there (failures ignored). Records below `minLevel` are dropped.
 */
export function agentLogger(tag: string, file?: string, minLevel: LogLevel = 'DEBUG'): AgentLogger {
  let fileUsable = file !== undefined;
  if (file !== undefined) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o755 });
    } catch {
      fileUsable = false;
    }
  }
  return (level, module, message) => {
    if (RANK[level] < RANK[minLevel]) return;
    const line = `${logTimestamp()} ${tag} ${level} ${module} ${message}\n`;
    process.stdout.write(line);
    if (fileUsable && file !== undefined) {
      try {
        appendFileSync(file, line, { mode: 0o640 });
      } catch {
        fileUsable = false; // a full or read-only disk must not stop the agent
      }
    }
  };
}
