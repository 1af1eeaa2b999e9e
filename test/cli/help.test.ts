import * as fs from 'fs';
import * as path from 'path';
import { runCli, spawnCli } from './run-cli';
import { COMMAND_HELP, CommandName, USAGE } from '../../src/cli/help';
import { packageInfo } from '../../src/cli/package-info';

const cli = (...args: string[]) => runCli(args);
const ROOT = path.join(__dirname, '..', '..');
const COMMANDS = Object.keys(COMMAND_HELP) as CommandName[];

describe('per-command --help', () => {
  test.each(COMMANDS)('%s --help: that command\'s usage, every option, one example; exit 0 on stdout', async (name) => {
    for (const flag of ['--help', '-h']) {
      const result = await cli(...name.split(' '), flag);
      expect(result).toMatchObject({ status: 0, stderr: '' });
      const lines = result.stdout.split('\n');
      expect(lines[0]).toBe(`Usage: kubevirt-constructs ${name} ${COMMAND_HELP[name].synopsis}`);
      expect(result.stdout).not.toContain('Commands:');
      for (const [flags] of COMMAND_HELP[name].options) expect(lines.some((line) => line.startsWith(`  ${flags} `))).toBe(true);
      expect(lines[lines.indexOf('Example:') + 1]).toBe(`  ${COMMAND_HELP[name].example}`);
      expect(COMMAND_HELP[name].example.startsWith(`kubevirt-constructs ${name} `)).toBe(true);
      expect(result.stdout).toMatch(/\nExit codes: 0 .*\.\n$/);
    }
  });

  test('each command\'s help lists exactly the options its parser accepts', async () => {
    // An option shown in the help but refused by the parser would be a lie. A file that is not
    // there stops each run after parsing (init is given a file where its folder goes).
    const notAFolder = path.join(ROOT, 'package.json');
    for (const name of COMMANDS) {
      for (const [flags] of COMMAND_HELP[name].options) {
        const long = flags.split(', ').pop()!.split(' ')[0];
        const value = flags.includes(' ', flags.indexOf(long)) ? [flags.slice(flags.indexOf(long) + long.length + 1).split('|')[0]] : [];
        const args = [...name.split(' '), long, ...value, name === 'init' ? notAFolder : path.join(ROOT, 'missing.vmdk')];
        const result = await cli(...args);
        expect(`${args.join(' ')}: ${result.stderr}`).not.toContain('Unknown option');
      }
    }
    expect((await cli('graph', '--output', 'json', 'x.yaml')).stderr).toBe('kubevirt-constructs: Unknown option \'--output\' (see kubevirt-constructs graph --help)\n');
    expect((await cli('disk', 'info', '--format', 'raw', 'x')).stderr).toBe('kubevirt-constructs: Unknown option \'--format\' (see kubevirt-constructs disk info --help)\n');
    expect((await cli('init', '--flux')).stderr).toBe('kubevirt-constructs: Unknown option \'--flux\' (see kubevirt-constructs init --help)\n');
    expect((await cli('init', '--flux')).status).toBe(2);
  });

  test('--help after a "--" is a file name, not a request for help', async () => {
    const result = await cli('validate', '--', '--help');
    expect(result).toMatchObject({ status: 2, stderr: 'kubevirt-constructs: --help: no such file or directory\n' });
  });

  test('the overview names every command and how to get its help', async () => {
    const result = await cli('--help');
    expect(result).toMatchObject({ status: 0, stdout: USAGE, stderr: '' });
    for (const name of COMMANDS) expect(USAGE).toContain(`\n  ${name} `);
    expect(USAGE).toContain('-v, --version');
    expect(await cli('help')).toMatchObject({ status: 0, stdout: USAGE });
  });
});

describe('--version, a command group alone, unknown commands', () => {
  test('--version and -v print the version of package.json, read at run time', async () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
    expect(await cli('--version')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
    expect(await cli('-v')).toEqual({ status: 0, stdout: `${version}\n`, stderr: '' });
  });

  test('package.json is found from src/cli and from a compiled lib/src/cli alike', () => {
    expect(packageInfo(path.join(ROOT, 'src', 'cli')).name).toBe('kubevirt-constructs');
    // lib/ may not be built: the search walks up from any depth below the package.
    expect(packageInfo(path.join(ROOT, 'lib', 'src', 'cli')).version).toBe(packageInfo().version);
    expect(() => packageInfo('/')).toThrow('kubevirt-constructs: no package.json named kubevirt-constructs above /; reinstall the package');
  });

  test('disk alone prints the group\'s usage to stderr and exits 2; disk --help prints it to stdout', async () => {
    const alone = await cli('disk');
    expect(alone.status).toBe(2);
    expect(alone.stdout).toBe('');
    expect(alone.stderr).toBe([
      'Usage: kubevirt-constructs disk <info|convert> [options]',
      '',
      'Commands:',
      '  disk info <file>            Format, virtual size and actual size of a disk image (qemu-img)',
      '  disk convert <in> <out>     Convert a disk image (e.g. a VMDK from vSphere) for CDI to import',
      '',
      'Run kubevirt-constructs disk <info|convert> --help for its options and an example.',
      '',
    ].join('\n'));
    expect(await cli('disk', '--help')).toMatchObject({ status: 0, stdout: alone.stderr, stderr: '' });
    expect(await cli('disk', 'resize')).toMatchObject({
      status: 2, stdout: '', stderr: 'kubevirt-constructs: unknown disk command "resize": use "disk info <file>" or "disk convert <in> <out>" (see kubevirt-constructs disk --help)\n',
    });
  });

  test('unknown command: one line with the commands and where to look; no command: the overview on stderr', async () => {
    expect(await cli('frobnicate')).toEqual({
      status: 2, stdout: '', stderr: 'kubevirt-constructs: unknown command "frobnicate": use validate, explain, graph, disk or init (see kubevirt-constructs --help)\n',
    });
    expect((await cli('toString')).status).toBe(2);
    expect(await cli()).toEqual({ status: 2, stdout: '', stderr: USAGE });
  });

  test('the real entry prints the version as a process', () => {
    expect(spawnCli(['--version'])).toEqual({ status: 0, stdout: `${packageInfo().version}\n`, stderr: '' });
  });
});
