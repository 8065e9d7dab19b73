import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningProcess {
  url: string;
  /** Its process id, to read what the system says of it (/proc/<pid>/status). */
  pid: number;
  /** Everything it printed so far, stdout and stderr. */
  output: string[];
  stop(): Promise<void>;
  /** Kills it outright (SIGKILL), as a crash or an out-of-memory kill would. */
  kill(): Promise<void>;
}

/**
 * Runs a Node program (or another `program`) as its own process and resolves once it prints the URL
 * it serves on ("listening on …" or "serving on …"). If this process exits
 * first, for a failed test or bench, the child goes with it.
 */
export async function startProcess(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000, program = process.execPath): Promise<RunningProcess> {
  const child = spawn(program, args, { cwd: repositoryRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const killChild = () => child.kill('SIGKILL');
  process.once('exit', killChild);
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${output.join('')}`)), timeoutMs);
    let started = false;
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      // Only until it started: afterwards its log (a line a request) would be read again with every line.
      const match = started ? null : output.join('').match(/(?:listening|serving) on (http:\/\/\S+)/);
      if (match) {
        started = true;
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}:\n${output.join('')}`));
    });
  });
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      process.off('exit', killChild);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  return { url, pid: child.pid!, output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}
