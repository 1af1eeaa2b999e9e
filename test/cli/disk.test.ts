import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './run-cli';

/** `kubevirt-constructs <args>`, run in-process; qemu-img itself is real. */
const cli = runCli;

/** qemu-img and qemu-io come with Debian's qemu-utils, which `.ci/run` installs. */
function qemu(tool: 'qemu-img' | 'qemu-io', args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8' });
}

const HAVE_QEMU = ['qemu-img', 'qemu-io'].every((tool) => spawnSync(tool, ['--version']).status === 0);
// CI installs qemu-utils and must run these; on a workstation without it they are reported as skipped.
const describeWithQemu = HAVE_QEMU || process.env.CI ? describe : describe.skip;
if (!HAVE_QEMU && !process.env.CI) {
  console.warn('test/cli/disk.test.ts: qemu-img/qemu-io not found, disk conversion tests skipped (apt-get update && apt-get install -y qemu-utils, with sudo unless root)');
}

let dir: string;
let vmdk: string;
/** A folder with a small VMDK of known data at known offsets, written through qemu-io (for the tests of one describe). */
function useVmdk(): void {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-disk-'));
    vmdk = path.join(dir, 'web-1.vmdk');
    qemu('qemu-img', ['create', '-q', '-f', 'vmdk', vmdk, '64M']);
    qemu('qemu-io', ['-f', 'vmdk', '-c', 'write -P 0xab 0 1M', '-c', 'write -P 0xcd 40M 512k', vmdk]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
}

describeWithQemu('kubevirt-constructs disk info, disk convert (qemu-img)', () => {
  useVmdk();

  test('info: format, virtual size, actual size (text and JSON)', async () => {
    const text = await cli(['disk', 'info', vmdk]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('format:       vmdk\n');
    expect(text.stdout).toContain('virtual size: 64 MiB (67108864 bytes)\n');
    const json = JSON.parse((await cli(['disk', 'info', '--output', 'json', vmdk])).stdout);
    expect(json).toEqual({ file: vmdk, format: 'vmdk', virtualSize: 67108864, actualSize: expect.any(Number) });
    expect(json.actualSize).toBeLessThan(67108864);
  });

  test('convert to qcow2: progress, the import step, and content equal to the VMDK', async () => {
    const out = path.join(dir, 'web-1.qcow2');
    const result = await cli(['disk', 'convert', vmdk, out]);
    expect(result.status).toBe(0);
    // Progress and the next step go to stderr (not a terminal here: plain lines), the result to stdout.
    expect(result.stderr).toMatch(/^Converting web-1\.vmdk: 100 %\n/m);
    expect(result.stderr).not.toContain('\r');
    expect(result.stdout).toContain(`Converted ${vmdk} (vmdk, 64 MiB virtual) to ${out} (qcow2,`);
    expect(result.stdout.split('\n')).toEqual([expect.stringMatching(/ on disk\)\.$/), '']);
    expect(result.stderr).toContain(`virtctl image-upload dv web-1 --size=1Gi --access-mode=ReadWriteMany --image-path=${out}`);
    expect(JSON.parse(qemu('qemu-img', ['info', '--output=json', out])).format).toBe('qcow2');
    // qemu-img compare exits 0 only when the guest sees the same bytes in both images.
    expect(spawnSync('qemu-img', ['compare', '-f', 'vmdk', '-F', 'qcow2', vmdk, out]).status).toBe(0);
    // And the comparison can fail: change one byte of the copy.
    qemu('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x01 40M 1', out]);
    expect(spawnSync('qemu-img', ['compare', '-f', 'vmdk', '-F', 'qcow2', vmdk, out]).status).toBe(1);
  });

  test('convert to raw with --format', async () => {
    const out = path.join(dir, 'web-1.raw');
    const result = await cli(['disk', 'convert', '--format', 'raw', vmdk, out]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('serve web-1.raw.xz over http');
    expect(result.stderr).not.toContain('qcow2');
    expect(spawnSync('qemu-img', ['compare', '-f', 'vmdk', '-F', 'raw', vmdk, out]).status).toBe(0);
  });

});

describeWithQemu('kubevirt-constructs disk: bad input (qemu-img)', () => {
  useVmdk();
  test('bad input: missing file, unknown format, existing output, garbage input, missing qemu-img', async () => {
    const missing = path.join(dir, 'missing.vmdk');
    expect(await cli(['disk', 'convert', missing, path.join(dir, 'x.qcow2')])).toMatchObject({
      status: 2, stderr: `kubevirt-constructs: ${missing}: no such file (looked for ${missing}): give the path of an existing disk image, relative to the current folder or absolute\n`,
    });
    expect(await cli(['disk', 'convert', '--format', 'vdi', vmdk, path.join(dir, 'x.vdi')])).toMatchObject({
      status: 2, stderr: 'kubevirt-constructs: --format "vdi" is not one of "qcow2", "raw": CDI imports both; qcow2 keeps the file small\n',
    });
    const existing = path.join(dir, 'existing.qcow2');
    fs.writeFileSync(existing, 'keep me');
    expect(await cli(['disk', 'convert', vmdk, existing])).toMatchObject({
      status: 2, stderr: `kubevirt-constructs: ${existing} exists already: refusing to overwrite it; remove it or choose another output file\n`,
    });
    expect(fs.readFileSync(existing, 'utf8')).toBe('keep me');
    const broken = path.join(dir, 'broken.vmdk');
    fs.writeFileSync(broken, '# Disk DescriptorFile\nversion=1\ncreateType="monolithicFlat"\nRW 2048 FLAT "nowhere-flat.vmdk" 0\n');
    const garbage = await cli(['disk', 'convert', broken, path.join(dir, 'broken.qcow2')]);
    expect(garbage.status).toBe(2);
    expect(garbage.stderr).toMatch(/^kubevirt-constructs: qemu-img info failed: .*nowhere-flat\.vmdk/);
    expect(fs.existsSync(path.join(dir, 'broken.qcow2'))).toBe(false);
    expect(await cli(['disk', 'info', vmdk], { KUBEVIRT_CONSTRUCTS_QEMU_IMG: path.join(dir, 'no-qemu-img') }, { uid: 1000 })).toMatchObject({
      status: 2,
      stderr: `kubevirt-constructs: qemu-img is not installed (looked for "${path.join(dir, 'no-qemu-img')}"): install it: \`sudo apt-get update && sudo apt-get install -y qemu-utils\` (Debian, Ubuntu), \`sudo dnf install -y qemu-img\` (Fedora, RHEL) or \`brew install qemu\` (macOS)\n`,
    });
    expect(await cli(['disk', 'convert', vmdk])).toMatchObject({ status: 2, stderr: 'kubevirt-constructs: disk convert takes an input and an output file: kubevirt-constructs disk convert <in> <out> [--format qcow2|raw]\n' });
  });
});

describe('kubevirt-constructs disk: bad paths and settings, reported before qemu-img runs', () => {
  let folder: string;
  let image: string;
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kvc-disk-paths-'));
    image = path.join(folder, 'web-1.vmdk');
    fs.writeFileSync(image, 'not read: every check here comes first');
  });
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));
  // A qemu-img that cannot exist: any message below proves it was never needed.
  const noQemu = () => ({ KUBEVIRT_CONSTRUCTS_QEMU_IMG: path.join(folder, 'no-qemu-img') });

  test('a missing input names the path looked for and what to give', async () => {
    const relative = path.join('no-such-folder', 'web-1.vmdk');
    expect(await cli(['disk', 'convert', relative, 'web-1.qcow2'], noQemu())).toMatchObject({
      status: 2,
      stderr: `kubevirt-constructs: ${relative}: no such file (looked for ${path.resolve(relative)}): give the path of an existing disk image, relative to the current folder or absolute\n`,
    });
    expect(await cli(['disk', 'info', folder], noQemu())).toMatchObject({
      status: 2, stderr: `kubevirt-constructs: ${folder}: not a file: give the disk image file itself, not a folder\n`,
    });
  });

  test('a missing output folder says to create it', async () => {
    const output = path.join(folder, 'images', 'web-1.qcow2');
    const parent = path.join(folder, 'images');
    expect(await cli(['disk', 'convert', image, output], noQemu())).toMatchObject({
      status: 2,
      stderr: `kubevirt-constructs: ${parent}: no such folder for the output ${output}: create it first (mkdir -p ${parent}) or write the output elsewhere\n`,
    });
    expect(fs.existsSync(parent)).toBe(false);
  });

  test('an empty KUBEVIRT_CONSTRUCTS_QEMU_IMG is a message, not a crash', async () => {
    const expected = {
      status: 2,
      stderr: 'kubevirt-constructs: KUBEVIRT_CONSTRUCTS_QEMU_IMG is set but empty (""): set it to the path of qemu-img, or unset it to use qemu-img from PATH\n',
    };
    expect(await cli(['disk', 'info', image], { KUBEVIRT_CONSTRUCTS_QEMU_IMG: '' })).toMatchObject(expected);
    expect(await cli(['disk', 'convert', image, path.join(folder, 'web-1.qcow2')], { KUBEVIRT_CONSTRUCTS_QEMU_IMG: '' })).toMatchObject(expected);
  });
});
