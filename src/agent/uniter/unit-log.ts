/**
 * The unit agent's log: every line goes to the log function the machine
 * agent's deployer gives (which writes `/var/log/juju/unit-<app>-<n>.log` and
 * ships the line to the controller). Juju's TRACE and CRITICAL map to DEBUG
 * and ERROR there.
 */
import type { UnitAgentOptions } from './api.js';

export type UnitLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

export type UnitLogger = (level: UnitLogLevel, module: string, message: string) => void;

type ForwardLevel = Parameters<UnitAgentOptions['log']>[0];

function forwardLevel(level: UnitLogLevel): ForwardLevel {
  if (level === 'TRACE') return 'DEBUG';
  if (level === 'CRITICAL') return 'ERROR';
  return level;
}

/** A logger forwarding to `forward`; a failing sink never stops the agent. */
export function unitLogger(forward: UnitAgentOptions['log']): UnitLogger {
  return (level, module, message) => {
    try {
      forward(forwardLevel(level), module, message);
    } catch {
      // best effort
    }
  };
}
