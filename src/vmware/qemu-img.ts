import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { notOneOf, show } from '../common/errors';

/** Disk image formats `disk convert` writes (what CDI imports fastest). */
export enum DiskImageFormat {
  QCOW2 = 'qcow2',
  RAW = 'raw',
}

/** What `qemu-img info` reports about an image. */
export interface DiskImageInfo {
  readonly file: string;
  /** Detected format, e.g. `vmdk`, `qcow2`, `raw`. */
  readonly format: string;
  /** Size the guest sees, in bytes. */
  readonly virtualSize: number;
  /** Bytes the file takes on disk (sparse files take less). */
  readonly actualSize: number;
}

/** Thrown for every problem the caller can fix (missing tool, file, format, space). */
export class DiskImageError extends Error {}

/**
 * How to install qemu-img on the common systems, as commands that work when pasted: `sudo` only
 * for a normal user (root in a container has no sudo), and `apt-get update` first (a fresh
 * container has no package lists). `uid` undefined (Windows) counts as a normal user; brew
 * refuses to run as root, so it never gets sudo.
 */
export function qemuImgInstallHint(uid: number | undefined): string {
  const sudo = uid === 0 ? '' : 'sudo ';
  return [
    `install it: \`${sudo}apt-get update && ${sudo}apt-get install -y qemu-utils\` (Debian, Ubuntu),`,
    `\`${sudo}dnf install -y qemu-img\` (Fedora, RHEL) or \`brew install qemu\` (macOS)`,
  ].join(' ');
}

/** The install hint for the user running this process. */
export const QEMU_IMG_INSTALL_HINT = qemuImgInstallHint(process.getuid?.());

/** The qemu-img binary: `KUBEVIRT_CONSTRUCTS_QEMU_IMG` if set, else from PATH. */
function qemuImgBinary(): string {
  const configured = process.env.KUBEVIRT_CONSTRUCTS_QEMU_IMG;
  // Node refuses to spawn an empty file name with a TypeError; say what to set instead.
  if (configured !== undefined && configured.trim() === '') {
    throw new DiskImageError(`KUBEVIRT_CONSTRUCTS_QEMU_IMG is set but empty (${show(configured)}): set it to the path of qemu-img, or unset it to use qemu-img from PATH`);
  }
  return configured ?? 'qemu-img';
}

function run(args: string[]): string {
  const result = spawnSync(qemuImgBinary(), args, { encoding: 'utf8' });
  if (result.error) {
    if ((result.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DiskImageError(`qemu-img is not installed (looked for ${show(qemuImgBinary())}): ${QEMU_IMG_INSTALL_HINT}`);
    }
    throw new DiskImageError(`qemu-img could not run: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new DiskImageError(`qemu-img ${args[0]} failed: ${(result.stderr || result.stdout).trim().replace(/^qemu-img: /, '')}`);
  }
  return result.stdout;
}

function assertReadable(file: string): void {
  if (!fs.existsSync(file)) {
    throw new DiskImageError(`${file}: no such file (looked for ${path.resolve(file)}): give the path of an existing disk image, relative to the current folder or absolute`);
  }
  if (!fs.statSync(file).isFile()) throw new DiskImageError(`${file}: not a file: give the disk image file itself, not a folder`);
}

/** Refuses an output that exists (never overwritten) or whose folder does not. */
function assertNewFile(output: string): void {
  if (fs.existsSync(output)) throw new DiskImageError(`${output} exists already: refusing to overwrite it; remove it or choose another output file`);
  const folder = path.dirname(path.resolve(output));
  if (!fs.existsSync(folder)) {
    throw new DiskImageError(`${path.dirname(output)}: no such folder for the output ${output}: create it first (mkdir -p ${path.dirname(output)}) or write the output elsewhere`);
  }
  if (!fs.statSync(folder).isDirectory()) throw new DiskImageError(`${path.dirname(output)}: not a folder, so ${output} cannot be written there: choose an output path inside a folder`);
}

/** Format and sizes of an image, from `qemu-img info --output=json`. */
export function diskImageInfo(file: string): DiskImageInfo {
  assertReadable(file);
  const info = JSON.parse(run(['info', '--output=json', file]));
  return { file, format: info.format, virtualSize: info['virtual-size'], actualSize: info['actual-size'] };
}

/** Bytes the converted image needs, from `qemu-img measure`. */
function requiredBytes(source: DiskImageInfo, format: DiskImageFormat): number {
  const measured = JSON.parse(run(['measure', '--output=json', '-f', source.format, '-O', format, source.file]));
  return measured.required;
}

/** Free bytes for an unprivileged writer in the folder of `file`. */
function freeBytes(file: string): number {
  const stats = fs.statfsSync(path.dirname(path.resolve(file)));
  return stats.bavail * stats.bsize;
}

/** `1.5 GiB`: sizes for people. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value >= 10 ? 0 : 1)} ${units[unit]}`;
}

/** The input and output of a conversion. */
export interface ConvertedImage {
  readonly source: DiskImageInfo;
  readonly result: DiskImageInfo;
}

/** Options of `convertDiskImage`. */
export interface ConvertOptions {
  /** @default DiskImageFormat.QCOW2 */
  readonly format?: DiskImageFormat;
  /** Receives qemu-img's progress output (`-p`) as it comes. */
  readonly onProgress?: (text: string) => void;
}

/**
 * Converts a disk image (VMDK from vSphere, or any format qemu-img reads) with
 * `qemu-img convert -p`, after detecting the input format, refusing to overwrite the output
 * and checking there is room for it. A failed conversion leaves no partial file behind.
 */
export async function convertDiskImage(input: string, output: string, options: ConvertOptions = {}): Promise<ConvertedImage> {
  const format = options.format ?? DiskImageFormat.QCOW2;
  const badFormat = notOneOf(format, DiskImageFormat);
  if (badFormat) throw new DiskImageError(`--format ${show(format)} ${badFormat}: CDI imports both; qcow2 keeps the file small`);
  // Cheap checks of both paths first, so a missing output folder is reported without running qemu-img.
  assertReadable(input);
  assertNewFile(output);
  const source = diskImageInfo(input);
  const needed = requiredBytes(source, format);
  const free = freeBytes(output);
  if (needed > free) {
    throw new DiskImageError(`${output} needs ${formatBytes(needed)} but only ${formatBytes(free)} is free in ${path.dirname(path.resolve(output))}: free some space or write elsewhere`);
  }
  await new Promise<void>((resolve, reject) => {
    const child = spawn(qemuImgBinary(), ['convert', '-p', '-f', source.format, '-O', format, input, output], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => options.onProgress?.(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) => reject(new DiskImageError(`qemu-img could not run: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) {
        resolve();
        return;
      }
      fs.rmSync(output, { force: true });
      reject(new DiskImageError(`qemu-img convert failed (exit ${code}): ${stderr.trim().replace(/^qemu-img: /, '')}`));
    });
  });
  return { source, result: diskImageInfo(output) };
}
