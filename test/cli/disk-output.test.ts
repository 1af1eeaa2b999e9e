// Where `disk` writes what: results on stdout; progress, hints and errors on stderr. qemu-img is
// replaced by a script with known answers, so these run on any machine (disk.test.ts uses the
// real one).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';
import { qemuImgInstallHint } from '../../src/cli/install-hints';
import { progressReporter, qemuProgressParser } from '../../src/cli/progress';

/** Answers info (format by file extension, 5 GiB virtual), measure, and convert with progress frames. */
const FAKE_QEMU_IMG = `#!/bin/sh
for last; do :; done
case "$1" in
  info)
    case "$last" in *.qcow2) fmt=qcow2;; *.raw) fmt=raw;; *) fmt=vmdk;; esac
    printf '{"format": "%s", "virtual-size": 5368709120, "actual-size": 1048576}\\n' "$fmt";;
  measure) printf '{"required": 1048576}\\n';;
  convert)
    printf '    (0.00/100%%)\\r    (4.00/10'
    printf '0%%)\\r    (12.50/100%%)\\r    (37.00/100%%)\\r    (99.99/100%%)\\r    (100.00/100%%)\\r\\n'
    : > "$last";;
esac
`;

let dir: string;
let vmdk: string;
let env: Record<string, string>;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-disk-output-'));
  vmdk = path.join(dir, 'web-1.vmdk');
  fs.writeFileSync(vmdk, 'not really a disk');
  fs.writeFileSync(path.join(dir, 'qemu-img'), FAKE_QEMU_IMG, { mode: 0o755 });
  env = { KUBEVIRT_CONSTRUCTS_QEMU_IMG: path.join(dir, 'qemu-img') };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const QCOW2_NEXT = (out: string) => [
  'Next: import it into a DataVolume of at least 5Gi (ReadWriteMany, so the VM can live-migrate). Either upload it:',
  `  virtctl image-upload dv web-1 --size=5Gi --access-mode=ReadWriteMany --image-path=${out}`,
  '  (declared in code as a DataVolume waiting for the upload: VmwareDiskImport.forUpload(this, ...))',
  'or serve it over http and let CDI import it:',
  "  VmwareDiskImport.qcow2OverHttp(this, 'web-1', 'https://<your server>/web-1.qcow2', { size: '5Gi' })",
  '',
].join('\n');

describe('disk convert: streams and progress', () => {
  test('stderr not a terminal: a plain line every 10 %, no \\r; the result alone on stdout', async () => {
    const out = path.join(dir, 'plain', 'web-1.qcow2');
    fs.mkdirSync(path.dirname(out));
    const result = await runCli(['disk', 'convert', vmdk, out], env, { stderrIsTTY: false });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Converted ${vmdk} (vmdk, 5.0 GiB virtual) to ${out} (qcow2, 1.0 MiB on disk).\n`);
    expect(result.stderr).toBe([
      'Converting web-1.vmdk: 10 %',
      'Converting web-1.vmdk: 30 %',
      'Converting web-1.vmdk: 90 %',
      'Converting web-1.vmdk: 100 %',
      QCOW2_NEXT(out),
    ].join('\n'));
  });

  test('stderr a terminal: one line redrawn with \\r, ended by a newline before the hint', async () => {
    const out = path.join(dir, 'tty', 'web-1.qcow2');
    fs.mkdirSync(path.dirname(out));
    const result = await runCli(['disk', 'convert', vmdk, out], env, { stderrIsTTY: true });
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('\r');
    const [frames, ...rest] = result.stderr.split('\n');
    expect(frames.split('\r')).toEqual(['', ...['  0.0', '  4.0', ' 12.5', ' 37.0', '100.0', '100.0'].map((p) => `Converting web-1.vmdk: ${p} %`)]);
    expect(rest.join('\n')).toBe(QCOW2_NEXT(out));
  });

  test('--format raw: the hints name no qcow2 helper; the http import fits a raw file', async () => {
    const out = path.join(dir, 'web-1.raw');
    const result = await runCli(['disk', 'convert', '--format', 'raw', vmdk, out], env);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`Converted ${vmdk} (vmdk, 5.0 GiB virtual) to ${out} (raw, 1.0 MiB on disk).\n`);
    const hint = result.stderr.slice(result.stderr.indexOf('Next:'));
    expect(hint).not.toMatch(/qcow2/i);
    expect(hint).toBe([
      'Next: import it into a DataVolume of at least 5Gi (ReadWriteMany, so the VM can live-migrate). Either upload it:',
      `  virtctl image-upload dv web-1 --size=5Gi --access-mode=ReadWriteMany --image-path=${out}`,
      '  (declared in code as a DataVolume waiting for the upload: VmwareDiskImport.forUpload(this, ...))',
      `or compress it (xz -T0 ${out}), serve web-1.raw.xz over http and let CDI import it:`,
      "  new DataVolume(this, 'web-1', { source: DataVolumeSource.http('https://<your server>/web-1.raw.xz'), size: '5Gi', accessModes: [AccessMode.READ_WRITE_MANY] })",
      '',
    ].join('\n'));
  });

  test('disk info: the result on stdout, nothing on stderr', async () => {
    const result = await runCli(['disk', 'info', '--output', 'json', vmdk], env);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ file: vmdk, format: 'vmdk', virtualSize: 5368709120, actualSize: 1048576 });
  });
});

describe('qemu-img install hint: sudo only for a normal user', () => {
  const missing = () => ({ KUBEVIRT_CONSTRUCTS_QEMU_IMG: path.join(dir, 'no-qemu-img') });

  test('as root (uid 0): no sudo, and apt-get update first', async () => {
    expect(await runCli(['disk', 'info', vmdk], missing(), { uid: 0 })).toEqual({
      status: 2,
      stdout: '',
      stderr: `kubevirt-constructs: qemu-img is not installed (looked for "${path.join(dir, 'no-qemu-img')}"): install it: `
        + '`apt-get update && apt-get install -y qemu-utils` (Debian, Ubuntu), `dnf install -y qemu-img` (Fedora, RHEL) or `brew install qemu` (macOS)\n',
    });
  });

  test('as a user (uid 1000): sudo before each apt-get and dnf, never before brew', async () => {
    const result = await runCli(['disk', 'convert', vmdk, path.join(dir, 'x.qcow2')], missing(), { uid: 1000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('install it: `sudo apt-get update && sudo apt-get install -y qemu-utils` (Debian, Ubuntu), `sudo dnf install -y qemu-img` (Fedora, RHEL) or `brew install qemu` (macOS)\n');
    expect(fs.existsSync(path.join(dir, 'x.qcow2'))).toBe(false);
  });

  test('no user id (Windows): treated as a user', () => {
    expect(qemuImgInstallHint(undefined)).toBe(qemuImgInstallHint(1000));
    expect(qemuImgInstallHint(0)).not.toContain('sudo');
  });
});

describe('progress building blocks', () => {
  test('qemu-img frames split across chunks are read whole, in order', () => {
    const seen: number[] = [];
    const feed = qemuProgressParser((percent) => seen.push(percent));
    for (const chunk of ['    (0.00/1', '00%)\r    (5', '0.50/100%)\r    (100.00/10', '0%)\r', '\n']) feed(chunk);
    expect(seen).toEqual([0, 50.5, 100]);
  });

  test('without a terminal, a step is written once however often it is reported, and never goes back', () => {
    let text = '';
    const progress = progressReporter({ write: (t: string) => (text += t), isTTY: false }, 'copy:');
    for (const percent of [0, 9.99, 10, 10, 15, 35, 20, 100, 100]) progress.update(percent);
    progress.finish();
    expect(text).toBe('copy: 10 %\ncopy: 30 %\ncopy: 100 %\n');
  });

  test('on a terminal, nothing at all when there was no progress', () => {
    let text = '';
    progressReporter({ write: (t: string) => (text += t), isTTY: true }, 'copy:').finish();
    expect(text).toBe('');
  });
});
