/** The controller agent's own log: one line per record on stdout (the agent log file). */
export type Level = 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR';

export function agentLogger(tag: string): (level: Level, module: string, message: string) => void {
  return (level, module, message) => {
    process.stdout.write(`${new Date().toISOString()} ${tag} ${level} ${module} ${message}\n`);
  };
}
