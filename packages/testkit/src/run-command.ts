// Runs a short external command and returns its output, for java/mvn checks and resolution.
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number | null;
  output: string;
}

/** Runs `command args`, streaming each output line to `onLine`, and resolves when it exits. */
export function runCommand(command: string, args: string[], options: { cwd?: string; onLine?: (line: string) => void } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let pending = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) options.onLine?.(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
