import { LoadProblem, LoadedManifests, StdinReader, loadManifests } from './load-manifests';
import { renderVmGraph } from './vm-graph';
import { LiveMigrationMode } from '../model/live-migration';
import { ObjectIndex, isKubeObject, qualifiedName, vmView } from '../model/object-index';
import { analyzeLiveMigration, formatMigrationBlocker } from '../validation/live-migration-readiness';
import { IssueSeverity, ValidationIssue, formatValidationIssue, validateObjects } from '../validation/validate-objects';
import { KUBEVIRT_RELEASES, ValidationTarget, targetProblem } from '../validation/validation-target';

/** Somewhere text goes: `process.stdout`, or a buffer in a test. */
export interface TextSink {
  /** True for a terminal (as on `process.stderr`): progress is then redrawn in place. */
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/** Where a command writes, so tests and other programs can capture it (`process` is one). */
export interface CommandIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

/** What the CLI reads from its environment, given explicitly in tests. */
export interface CommandContext {
  /** The user id (`process.getuid?.()`): install hints add `sudo` unless it is 0. */
  readonly uid?: number;
  /** The folder relative paths start from (`process.cwd()`). */
  readonly cwd: string;
  /** What `-` reads (stdin by default). */
  readonly readStdin?: StdinReader;
}

/** Exit codes: 0 fine, 1 the manifests have errors, 2 the command could not run as asked. */
export enum ExitCode {
  OK = 0,
  INVALID = 1,
  USAGE = 2,
}

/** Thrown for bad command lines and unreadable input; printed without a stack trace. */
export class UsageError extends Error {}

export type OutputFormat = 'text' | 'json';

function describeProblem(problem: LoadProblem): string {
  return `${problem.file}${problem.document !== undefined ? `#${problem.document}` : ''}: ${problem.message}`;
}

function load(targets: string[], context: CommandContext): LoadedManifests {
  if (targets.length === 0) throw new UsageError('no files given: pass YAML files or folders, e.g. dist/, or - for stdin');
  const loaded = loadManifests(targets, context.readStdin);
  if (loaded.missing.length > 0) throw new UsageError(loaded.missing.map((file) => `${file}: no such file or directory`).join('\n'));
  return loaded;
}

/** Input it could not use is exit 2, as a missing file is; else 1 when there are findings. */
function exitCode(loaded: LoadedManifests, findings: boolean): ExitCode {
  if (loaded.problems.length > 0) return ExitCode.USAGE;
  return findings ? ExitCode.INVALID : ExitCode.OK;
}

export interface ValidateCommandOptions {
  readonly output: OutputFormat;
  /** Kinds with no schema are errors, not warnings. */
  readonly strict: boolean;
  /** References to objects not among the files are errors, not warnings. */
  readonly closed?: boolean;
  /** Multus networks that exist in the cluster (`namespace/name`). */
  readonly knownNetworks: string[];
  /**
   * The release to judge against, as `--target` gives it.
   * @default - KubeVirt 1.9, the newest
   */
  readonly target?: ValidationTarget;
}

/**
 * `--target kubevirt=1.8` as a ValidationTarget; undefined when the flag is absent. CDI and the
 * HyperConverged operator follow the KubeVirt release (its release set), so `kubevirt` is the one key.
 */
export function parseTarget(values: readonly string[]): ValidationTarget | undefined {
  if (values.length === 0) return undefined;
  if (values.length > 1) throw new UsageError(`--target is given ${values.length} times (${values.map((v) => JSON.stringify(v)).join(', ')}): give it once, e.g. --target kubevirt=1.8`);
  const allowed = KUBEVIRT_RELEASES.map((r) => `kubevirt=${r}`).join(', ');
  const match = /^kubevirt=(.*)$/.exec(values[0]);
  if (!match) {
    throw new UsageError(`--target ${JSON.stringify(values[0])} is not <project>=<release>: use one of ${allowed} (CDI and the HyperConverged operator follow the KubeVirt release)`);
  }
  const target = { kubevirt: match[1] } as ValidationTarget;
  if (targetProblem(target)) throw new UsageError(`--target ${JSON.stringify(values[0])}: KubeVirt ${JSON.stringify(match[1])} is not a release this package has schemas for: use one of ${allowed}`);
  return target;
}

/** `validate <files|dirs...>`: schemas and cross-object rules over any KubeVirt YAML. */
export function validateCommand(targets: string[], options: ValidateCommandOptions, io: CommandIo, context: CommandContext): ExitCode {
  const loaded = load(targets, context);
  const report = validateObjects(loaded.objects.map((o) => o.object), {
    unknownKinds: options.strict ? IssueSeverity.ERROR : IssueSeverity.WARNING,
    // The files usually meet a cluster that holds what they reference; --closed says they hold it all.
    unresolvedReferences: options.closed ? IssueSeverity.ERROR : IssueSeverity.WARNING,
    knownNetworks: options.knownNetworks,
    target: options.target,
  });
  const located = (issue: ValidationIssue) => ({
    file: loaded.objects[issue.index].file,
    document: loaded.objects[issue.index].document,
    severity: issue.severity,
    rule: issue.rule,
    apiVersion: issue.apiVersion,
    kind: issue.kind,
    name: issue.name,
    namespace: issue.namespace,
    path: issue.path,
    message: issue.message,
  });
  const readErrors = loaded.problems.map((p) => ({ file: p.file, document: p.document, severity: IssueSeverity.ERROR, rule: 'yaml', path: '(root)', message: p.message }));
  const errors = [...readErrors, ...report.errors.map(located)];
  const warnings = report.warnings.map(located);
  const valid = errors.length === 0;
  if (options.output === 'json') {
    io.stdout.write(JSON.stringify({ valid, files: loaded.files.length, objects: loaded.objects.length, errors, warnings }, undefined, 2) + '\n');
  } else {
    const lines = [
      ...readErrors.map((e) => `error   ${e.file}${e.document !== undefined ? `#${e.document}` : ''}: ${e.message}`),
      ...[...report.errors, ...report.warnings].sort((a, b) => a.index - b.index).map((issue) => {
        const where = loaded.objects[issue.index];
        return `${issue.severity === IssueSeverity.ERROR ? 'error  ' : 'warning'} ${where.file}#${where.document} ${formatValidationIssue(issue)}`;
      }),
    ];
    // The default target is not repeated: the summary says the release only when --target chose it.
    const against = options.target?.kubevirt === undefined ? '' : ` (against KubeVirt ${options.target.kubevirt.replace(/^v/, '')})`;
    const summary = `${loaded.objects.length} object(s) in ${loaded.files.length} file(s): ${errors.length} error(s), ${warnings.length} warning(s)${against}`;
    io.stdout.write([...lines, summary].join('\n') + '\n');
  }
  return exitCode(loaded, !valid);
}

/** `explain <files|dirs...>`: the live-migration report of every VM. */
export function explainCommand(targets: string[], output: OutputFormat, io: CommandIo, context: CommandContext): ExitCode {
  const loaded = load(targets, context);
  for (const problem of loaded.problems) io.stderr.write(`${describeProblem(problem)}\n`);
  const objects = loaded.objects.map((o) => o.object);
  const index = new ObjectIndex(objects);
  const reports = loaded.objects.flatMap((entry) => {
    const vm = isKubeObject(entry.object) ? vmView(entry.object) : undefined;
    return vm ? [{ file: entry.file, document: entry.document, ...analyzeLiveMigration(vm, { index }) }] : [];
  });
  if (output === 'json') {
    io.stdout.write(JSON.stringify({ vms: reports }, undefined, 2) + '\n');
    return exitCode(loaded, false);
  }
  if (reports.length === 0) io.stdout.write('no VirtualMachine or VirtualMachineInstance in these files\n');
  for (const report of reports) {
    const strategy = report.mode === LiveMigrationMode.REQUIRED ? 'evictionStrategy LiveMigrate'
      : report.mode === LiveMigrationMode.PREFERRED ? 'evictionStrategy LiveMigrateIfPossible' : 'no eviction strategy of its own';
    const verdict = report.migratable ? 'can live-migrate' : `cannot live-migrate (${report.blockers.length} reason(s))`;
    const lines = [`${report.kind} ${qualifiedName(report.namespace, report.name)} (${report.file}#${report.document}, ${strategy}): ${verdict}`];
    for (const blocker of report.blockers) lines.push(`  - ${formatMigrationBlocker(blocker)}`);
    io.stdout.write(lines.join('\n') + '\n');
  }
  return exitCode(loaded, false);
}

/** `graph <files|dirs...>`: a Mermaid diagram of VMs, disks, networks and IPs. */
export function graphCommand(targets: string[], io: CommandIo, context: CommandContext): ExitCode {
  const loaded = load(targets, context);
  for (const problem of loaded.problems) io.stderr.write(`${describeProblem(problem)}\n`);
  io.stdout.write(renderVmGraph(loaded.objects.map((o) => o.object)));
  return exitCode(loaded, false);
}
