#!/usr/bin/env node
import { ParseArgsConfig, parseArgs } from 'util';
import { diskCommand } from './disk-commands';
import { COMMAND_HELP, CommandName, DISK_USAGE, USAGE, commandHelpText } from './help';
import { initCommand } from './init/init-command';
import {
  CommandContext, CommandIo, ExitCode, OutputFormat, UsageError, explainCommand, graphCommand, parseTarget, validateCommand,
} from './manifest-commands';
import { packageInfo } from './package-info';

export { USAGE } from './help';

type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** A command: the options it takes, and what it does with them. */
interface CommandSpec {
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], values: OptionValues, io: CommandIo, context: CommandContext): ExitCode | Promise<ExitCode>;
}

const OUTPUT_OPTION = { output: { type: 'string', short: 'o', default: 'text' } } as const;

function outputFormat(value: unknown): OutputFormat {
  if (value !== 'text' && value !== 'json') throw new UsageError(`--output ${JSON.stringify(value)} is not one of "text", "json"`);
  return value;
}

const COMMANDS: Readonly<Record<CommandName, CommandSpec>> = {
  'validate': {
    options: {
      ...OUTPUT_OPTION,
      'strict': { type: 'boolean', default: false },
      'closed': { type: 'boolean', default: false },
      'known-network': { type: 'string', multiple: true, default: [] },
      'target': { type: 'string', multiple: true, default: [] },
    },
    run: (files, values, io, context) => validateCommand(files, {
      output: outputFormat(values.output),
      strict: values.strict as boolean,
      closed: values.closed as boolean,
      knownNetworks: values['known-network'] as string[],
      target: parseTarget(values.target as string[]),
    }, io, context),
  },
  'explain': { options: OUTPUT_OPTION, run: (files, values, io, context) => explainCommand(files, outputFormat(values.output), io, context) },
  'graph': { options: {}, run: (files, _values, io, context) => graphCommand(files, io, context) },
  'disk info': {
    options: OUTPUT_OPTION,
    run: (files, values, io, context) => diskCommand('info', files, { output: outputFormat(values.output) }, io, context),
  },
  'disk convert': {
    options: { format: { type: 'string', short: 'f' } },
    run: (files, values, io, context) => diskCommand('convert', files, { output: 'text', format: values.format as string | undefined }, io, context),
  },
  'init': {
    options: { pulumi: { type: 'boolean', default: false }, gitops: { type: 'boolean', default: false } },
    run: (args, values, io, context) => initCommand(args, {
      pulumi: values.pulumi as boolean, gitops: values.gitops as boolean,
    }, packageInfo(), io, context),
  },
};

const COMMAND_LIST = 'validate, explain, graph, disk or init';

/**
 * The command named by the first words of `argv` and the arguments after it; undefined for
 * `disk` alone (or with an option first), which gets the group's usage.
 */
function resolveCommand(argv: readonly string[]): { name: CommandName; args: string[] } | undefined {
  const [first, second, ...rest] = argv;
  if (first === 'disk') {
    if (second === 'info' || second === 'convert') return { name: `disk ${second}`, args: rest };
    if (second === undefined || second.startsWith('-')) return undefined;
    throw new UsageError(`unknown disk command ${JSON.stringify(second)}: use "disk info <file>" or "disk convert <in> <out>" (see kubevirt-constructs disk --help)`);
  }
  if (Object.hasOwn(COMMAND_HELP, first) && first !== 'disk info' && first !== 'disk convert') {
    return { name: first as CommandName, args: argv.slice(1) };
  }
  throw new UsageError(`unknown command ${JSON.stringify(first)}: use ${COMMAND_LIST} (see kubevirt-constructs --help)`);
}

/** `-h`/`--help` among the arguments before a `--`. */
function asksForHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/** Runs one command with its own options; a parse error names the command whose help lists them. */
async function runCommand(name: CommandName, args: string[], io: CommandIo, context: CommandContext): Promise<ExitCode> {
  if (asksForHelp(args)) {
    io.stdout.write(commandHelpText(name));
    return ExitCode.OK;
  }
  const spec = COMMANDS[name];
  let parsed: { values: OptionValues; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: spec.options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    // parseArgs reports unknown options and missing values with a TypeError carrying an ERR_PARSE_ARGS_* code.
    if (!(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw error;
    throw new UsageError(`${(error as Error).message.split('. ')[0]} (see kubevirt-constructs ${name} --help)`);
  }
  return spec.run(parsed.positionals, parsed.values, io, context);
}

/** Runs everything but the top-level `--help`/`--version`, which need no command. */
async function dispatch(argv: readonly string[], io: CommandIo, context: CommandContext): Promise<ExitCode> {
  const command = resolveCommand(argv);
  if (command !== undefined) return runCommand(command.name, command.args, io, context);
  // `disk` alone is a question about the group: its usage; `disk --help` asks for it outright.
  const asked = asksForHelp(argv.slice(1));
  (asked ? io.stdout : io.stderr).write(DISK_USAGE);
  return asked ? ExitCode.OK : ExitCode.USAGE;
}

/**
 * Runs the CLI with `argv` (the arguments after node and the script), writing results to
 * `io.stdout` and progress, hints and errors to `io.stderr`; returns the exit code. Tests call
 * it in-process with their own `io` and `context`; the bin entry below passes `process`.
 */
export async function main(argv: readonly string[], io: CommandIo, context: Partial<CommandContext> = {}): Promise<ExitCode> {
  const fullContext: CommandContext = { uid: process.getuid?.(), cwd: process.cwd(), ...context };
  const [first] = argv;
  if (first === undefined) {
    io.stderr.write(USAGE);
    return ExitCode.USAGE;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    io.stdout.write(USAGE);
    return ExitCode.OK;
  }
  if (first === '--version' || first === '-v') {
    io.stdout.write(`${packageInfo().version}\n`);
    return ExitCode.OK;
  }
  try {
    return await dispatch(argv, io, fullContext);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`kubevirt-constructs: ${error.message}\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), process).then((code) => {
    process.exitCode = code;
  });
}
