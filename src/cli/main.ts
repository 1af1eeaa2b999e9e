#!/usr/bin/env node
import { ParseArgsConfig, parseArgs } from 'util';
import { diskCommand } from './disk-commands';
import { CommandIo, ExitCode, OutputFormat, UsageError, explainCommand, graphCommand, validateCommand } from './manifest-commands';

export const USAGE = `Usage: kubevirt-constructs <command> [options]

Commands:
  validate <files|dirs...>   Check KubeVirt / OpenShift Virtualization YAML offline: strict upstream
                             schemas plus cross-object rules (disks and volumes, networks, Multus
                             references, static IPs, live migration, cloud-init passwords, names).
                             Options: --output text|json, --strict (kinds with no schema are errors),
                             --known-network <namespace/name> (a NAD that exists in the cluster; repeatable)
  explain <files|dirs...>    Print whether each VM can live-migrate, and every reason it cannot.
                             Options: --output text|json
  graph <files|dirs...>      Print a Mermaid diagram of the VMs, their disks, networks and IPs.
  disk info <file>           Format, virtual size and actual size of a disk image (qemu-img).
                             Options: --output text|json
  disk convert <in> <out>    Convert a disk image (e.g. a VMDK from vSphere) with qemu-img, with
                             progress; refuses to overwrite, checks free space, prints the import
                             step. Options: --format qcow2|raw (default qcow2)

Exit codes: 0 fine, 1 errors found, 2 bad command line or unreadable input.
`;

const SHARED_OPTIONS: ParseArgsConfig['options'] = {
  'output': { type: 'string', short: 'o', default: 'text' },
  'strict': { type: 'boolean', default: false },
  'known-network': { type: 'string', multiple: true, default: [] },
  'help': { type: 'boolean', short: 'h', default: false },
  'format': { type: 'string', short: 'f' },
};

function outputFormat(value: string): OutputFormat {
  if (value !== 'text' && value !== 'json') throw new UsageError(`--output ${JSON.stringify(value)} is not one of "text", "json"`);
  return value;
}

/**
 * Runs the CLI with `argv` (the arguments after node and the script), writing to `io.stdout` and
 * `io.stderr`; returns the exit code. Tests call it in-process; the bin entry below passes `process`.
 */
export async function main(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout.write(USAGE);
      return command === undefined ? ExitCode.USAGE : ExitCode.OK;
    }
    const parsed = parseArgs({ args: rest, options: SHARED_OPTIONS, allowPositionals: true, strict: true });
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
    const positionals = parsed.positionals;
    if (values.help) {
      io.stdout.write(USAGE);
      return ExitCode.OK;
    }
    const output = outputFormat(values.output as string);
    switch (command) {
      case 'validate':
        return validateCommand(positionals, { output, strict: values.strict as boolean, knownNetworks: values['known-network'] as string[] }, io);
      case 'explain':
        return explainCommand(positionals, output, io);
      case 'graph':
        return graphCommand(positionals, io);
      case 'disk':
        return await diskCommand(positionals, { output, format: values.format as string | undefined }, io);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}: use validate, explain, graph or disk (see --help)`);
    }
  } catch (error) {
    // parseArgs reports unknown options with a TypeError carrying an ERR_PARSE_ARGS_* code.
    const code = (error as { code?: string }).code;
    if (error instanceof UsageError || code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`kubevirt-constructs: ${(error as Error).message}\n`);
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
