import { spawnSync } from 'child_process';
import * as path from 'path';
import { main } from '../../src/cli/main';

/** What one run of the CLI did: its exit code and what it wrote. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What a run sees of its surroundings besides the environment variables. */
export interface CliSurroundings {
  /** The user id install hints judge (default: this process's). */
  readonly uid?: number;
  /** The current folder (default: this process's). */
  readonly cwd?: string;
  /** Whether stderr is a terminal (default: no, as under jest). */
  readonly stderrIsTTY?: boolean;
  /** What `-` reads (default: nothing given; a test that reads stdin sets it). */
  readonly stdin?: string;
}

/**
 * Runs `kubevirt-constructs <args>` in this process through `main(argv, io)`, with `env` set for
 * the run, and captures what it writes (a process per call costs seconds of ts-node start-up).
 */
export async function runCli(
  args: readonly string[], env: Readonly<Record<string, string>> = {}, surroundings: CliSurroundings = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, env);
  try {
    const { stderrIsTTY, stdin, ...context } = surroundings;
    const readStdin = stdin === undefined ? {} : { readStdin: () => stdin };
    const status = await main(args, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: stderrIsTTY ?? false },
    }, { ...context, ...readStdin });
    return { status, stdout, stderr };
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** Runs the real entry, src/cli/main.ts, as a process of its own, as a user's shell would. */
export function spawnCli(args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const root = path.resolve(__dirname, '..', '..');
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(root, 'src', 'cli', 'main.ts'), ...args], {
    cwd: root, encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
