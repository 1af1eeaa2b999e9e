import * as fs from 'fs';
import * as path from 'path';
import { PULUMI_INDEX_TEMPLATE, mainTemplate } from './programs';
import {
  CDK8S_YAML_TEMPLATE, GITIGNORE_TEMPLATE, InitOptions, TSCONFIG_TEMPLATE, packageJsonTemplate, projectName, pulumiYamlTemplate,
} from './project-files';
import { CommandContext, CommandIo, ExitCode, UsageError } from '../manifest-commands';
import { PackageInfo } from '../package-info';

/** The files of a new project (path relative to its folder -> content), in the order they are written. */
export function projectFiles(name: string, options: InitOptions, self: PackageInfo): Map<string, string> {
  const files = new Map<string, string>([
    ['package.json', packageJsonTemplate(name, options, self)],
    ['tsconfig.json', TSCONFIG_TEMPLATE],
    ['.gitignore', GITIGNORE_TEMPLATE],
    ['cdk8s.yaml', CDK8S_YAML_TEMPLATE],
    ['main.ts', mainTemplate(options)],
  ]);
  if (options.pulumi) {
    files.set('Pulumi.yaml', pulumiYamlTemplate(name));
    files.set('index.ts', PULUMI_INDEX_TEMPLATE);
  }
  return files;
}

/** A folder as the user would refer to it: relative to where they are, unless it is elsewhere. */
function displayPath(dir: string, cwd: string): string {
  const relative = path.relative(cwd, dir) || '.';
  return relative.startsWith('..') ? dir : relative;
}

/** `displayPath`, quoted for a POSIX shell when it needs it. */
function shellPath(dir: string, cwd: string): string {
  const shown = displayPath(dir, cwd);
  return /^[\w./-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, '\'\\\'\'')}'`;
}

function nextCommands(dir: string, options: InitOptions, context: CommandContext): string {
  const cd = path.resolve(dir) === path.resolve(context.cwd) ? '' : `cd ${shellPath(dir, context.cwd)} && `;
  return [
    '',
    'Next: put your SSH public key into main.ts (SSH_PUBLIC_KEY), then',
    `  ${cd}npm install && npx cdk8s synth && npx kubevirt-constructs validate dist`,
    ...(options.pulumi ? ['and deploy it with Pulumi (after `pulumi login`): pulumi stack init dev && pulumi up'] : []),
    ...(options.gitops ? ['and commit dist/ to the repository named in main.ts (repoURL).'] : []),
    '',
  ].join('\n');
}

/** The folder to write into, checked: it is a folder (or does not exist yet) and holds none of the files. */
function targetFolder(positionals: string[], files: Map<string, string>, context: CommandContext): string {
  if (positionals.length > 1) throw new UsageError(`init takes one folder, got ${positionals.length} (${positionals.join(' ')}): kubevirt-constructs init [dir] [--pulumi] [--gitops]`);
  const dir = path.resolve(context.cwd, positionals[0] ?? '.');
  if (fs.existsSync(dir) && !fs.statSync(dir).isDirectory()) throw new UsageError(`${dir} is a file, not a folder: give a new or existing folder to init`);
  const existing = [...files.keys()].filter((file) => fs.existsSync(path.join(dir, file)));
  if (existing.length > 0) {
    throw new UsageError(`${dir} has ${existing.join(', ')} already: refusing to overwrite, nothing was written; `
      + 'choose a new folder (kubevirt-constructs init <dir>) or move these files away');
  }
  return dir;
}

/**
 * `init [dir] [--pulumi] [--gitops]`: a project with one VM, ready for `npm install` and
 * `cdk8s synth`. Every file is checked before the first is written; `wx` keeps even a file that
 * appears in between from being overwritten.
 */
export function initCommand(positionals: string[], options: InitOptions, self: PackageInfo, io: CommandIo, context: CommandContext): ExitCode {
  const planned = path.resolve(context.cwd, positionals[0] ?? '.');
  const files = projectFiles(projectName(path.basename(planned)), options, self);
  const dir = targetFolder(positionals, files, context);
  fs.mkdirSync(dir, { recursive: true });
  for (const [file, content] of files) {
    fs.writeFileSync(path.join(dir, file), content, { flag: 'wx' });
    io.stdout.write(`created ${path.join(displayPath(dir, context.cwd), file)}\n`);
  }
  io.stderr.write(nextCommands(dir, options, context));
  return ExitCode.OK;
}
