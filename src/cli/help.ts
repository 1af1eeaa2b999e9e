/** The commands of the CLI, `disk info` and `disk convert` included. */
export type CommandName = 'validate' | 'explain' | 'graph' | 'disk info' | 'disk convert' | 'init';

/** What `kubevirt-constructs <command> --help` prints, and the command's line in the overview. */
export interface CommandHelp {
  /** Arguments after the command name, e.g. `[options] <files|dirs...>`. */
  readonly synopsis: string;
  /** One line for the overview. */
  readonly summary: string;
  /** The longer description, shown in the command's own help. */
  readonly description: string;
  /** `[flags, meaning]` pairs. */
  readonly options: ReadonlyArray<readonly [string, string]>;
  readonly example: string;
  readonly exitCodes: string;
}

const HELP_OPTION = ['-h, --help', 'Print this help'] as const;
const MANIFEST_EXIT_CODES = '0 fine, 2 bad command line or input it cannot use (a missing or unreadable file, binary content, YAML that does not parse)';

export const COMMAND_HELP: Readonly<Record<CommandName, CommandHelp>> = {
  'validate': {
    synopsis: '[options] <files|dirs|-...>',
    summary: 'Check KubeVirt / OpenShift Virtualization YAML offline',
    description: 'Checks every object against its strict upstream schema, plus the rules that span objects\n'
      + '(disks and volumes, networks, Multus references, static IPs, live migration, cloud-init\n'
      + 'passwords, names). All files of one call are judged as one set, as if applied to one cluster.',
    options: [
      ['-o, --output text|json', 'Text for people (default), or one JSON report for other tools'],
      ['--strict', 'Kinds with no schema are errors, not warnings'],
      ['--closed', 'The files hold everything: a Multus network or claim they do not declare is an error, not a warning'],
      ['--known-network <ns/name>', 'A NetworkAttachmentDefinition that exists in the cluster (repeatable)'],
      ['--target kubevirt=1.9|1.8|1.7', 'The KubeVirt release to judge against (default 1.9, the newest); CDI and HCO follow it'],
      HELP_OPTION,
    ],
    example: 'kubevirt-constructs validate --known-network infra/vlan-120 dist/',
    exitCodes: '0 no errors, 1 errors found, 2 bad command line or input it cannot use (a missing or unreadable file, binary content, YAML that does not parse)',
  },
  'explain': {
    synopsis: '[options] <files|dirs|-...>',
    summary: 'Whether each VM can live-migrate, and every reason it cannot',
    description: 'Prints, for every VirtualMachine and VirtualMachineInstance, its eviction strategy and\n'
      + 'whether it can live-migrate, with every reason it cannot and the fix.',
    options: [['-o, --output text|json', 'Text for people (default), or JSON'], HELP_OPTION],
    example: 'kubevirt-constructs explain dist/',
    exitCodes: MANIFEST_EXIT_CODES,
  },
  'graph': {
    synopsis: '<files|dirs|-...>',
    summary: 'A Mermaid diagram of the VMs, their disks, networks and IPs',
    description: 'Prints a Mermaid flowchart (GitHub and GitLab render it in Markdown) of the VMs, the\n'
      + 'disks and networks they use, and their fixed IP addresses.',
    options: [HELP_OPTION],
    example: 'kubevirt-constructs graph dist/ > vms.mmd',
    exitCodes: MANIFEST_EXIT_CODES,
  },
  'disk info': {
    synopsis: '[options] <file>',
    summary: 'Format, virtual size and actual size of a disk image (qemu-img)',
    description: 'Runs qemu-img info on a disk image (VMDK, qcow2, raw, ...). The virtual size is the\n'
      + 'smallest DataVolume that can hold the disk.',
    options: [['-o, --output text|json', 'Text for people (default), or JSON'], HELP_OPTION],
    example: 'kubevirt-constructs disk info web-1.vmdk',
    exitCodes: '0 fine, 2 bad command line, no qemu-img, or an unreadable image',
  },
  'disk convert': {
    synopsis: '[options] <in> <out>',
    summary: 'Convert a disk image (e.g. a VMDK from vSphere) for CDI to import',
    description: 'Converts with qemu-img, showing progress on stderr; refuses to overwrite <out>, checks\n'
      + 'there is room for it, leaves no partial file when it fails, and prints how to import it.',
    options: [['-f, --format qcow2|raw', 'Output format (default qcow2: smaller, and CDI imports it as is)'], HELP_OPTION],
    example: 'kubevirt-constructs disk convert web-1.vmdk web-1.qcow2',
    exitCodes: '0 converted, 2 bad command line, no qemu-img, an unreadable image or a failed conversion',
  },
  'init': {
    synopsis: '[options] [dir]',
    summary: 'Create a project with one VM, ready for cdk8s synth (or pulumi up)',
    description: 'Writes package.json, tsconfig.json, cdk8s.yaml (or Pulumi.yaml and index.ts) and main.ts\n'
      + 'with one VM into <dir> (default: the current folder), creating it if needed. Refuses to\n'
      + 'overwrite any file and then writes nothing.',
    options: [
      ['--pulumi', 'A Pulumi program that deploys the chart with ChartDeployment (pulumi up)'],
      ['--gitops', 'Write the output as a GitOps repository layout (GitOpsApp) for Argo CD or Flux'],
      HELP_OPTION,
    ],
    example: 'kubevirt-constructs init my-vms && cd my-vms && npm install && npx cdk8s synth',
    exitCodes: '0 written, 2 bad command line or a file exists already (nothing written)',
  },
};

const NAME_WIDTH = 30;

function column(left: string, right: string, width: number): string {
  return `  ${left.padEnd(width - 2)}${right}`;
}

/** `Usage: kubevirt-constructs <command> ...`, options, one example and the exit codes of one command. */
export function commandHelpText(name: CommandName): string {
  const help = COMMAND_HELP[name];
  const width = Math.max(...help.options.map(([flags]) => flags.length)) + 4;
  return [
    `Usage: kubevirt-constructs ${name} ${help.synopsis}`,
    '',
    `${help.summary}.`,
    help.description,
    '',
    'Options:',
    ...help.options.map(([flags, meaning]) => column(flags, meaning, width)),
    '',
    'Example:',
    `  ${help.example}`,
    '',
    `Exit codes: ${help.exitCodes}.`,
    '',
  ].join('\n');
}

function overviewLines(names: readonly CommandName[]): string[] {
  return names.map((name) => column(`${name} ${COMMAND_HELP[name].synopsis.replace(/^\[options\] /, '')}`, COMMAND_HELP[name].summary, NAME_WIDTH));
}

/** The overview: every command in one line, the global options and the exit codes. */
export const USAGE = [
  'Usage: kubevirt-constructs <command> [options]',
  '',
  'Commands:',
  ...overviewLines(Object.keys(COMMAND_HELP) as CommandName[]),
  '',
  'Options:',
  column('-h, --help', 'This overview; after a command, that command\'s options and an example', NAME_WIDTH),
  column('-v, --version', 'The version of kubevirt-constructs', NAME_WIDTH),
  '',
  'Exit codes: 0 fine, 1 errors found in the manifests, 2 bad command line or input it cannot use',
  '(a missing file, an unreadable disk image, no qemu-img); each command\'s --help has its own.',
  '',
].join('\n');

/** `kubevirt-constructs disk` alone: the group's commands. */
export const DISK_USAGE = [
  'Usage: kubevirt-constructs disk <info|convert> [options]',
  '',
  'Commands:',
  ...overviewLines(['disk info', 'disk convert']),
  '',
  'Run kubevirt-constructs disk <info|convert> --help for its options and an example.',
  '',
].join('\n');
