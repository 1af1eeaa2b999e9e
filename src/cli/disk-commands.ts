import * as path from 'path';
import { qemuImgInstallHint } from './install-hints';
import { CommandContext, CommandIo, ExitCode, OutputFormat, UsageError } from './manifest-commands';
import { progressReporter, qemuProgressParser } from './progress';
import { suggestDnsLabel } from '../common/names';
import {
  DiskImageError, DiskImageFormat, DiskImageInfo, QEMU_IMG_INSTALL_HINT, convertDiskImage, diskImageInfo, formatBytes,
} from '../vmware/qemu-img';

/** Whole GiB, rounded up: the smallest DataVolume that holds the image. */
function gibibytes(bytes: number): string {
  return `${Math.max(1, Math.ceil(bytes / 1024 ** 3))}Gi`;
}

function describe(info: DiskImageInfo): string {
  return [
    `file:         ${info.file}`,
    `format:       ${info.format}`,
    `virtual size: ${formatBytes(info.virtualSize)} (${info.virtualSize} bytes)`,
    `actual size:  ${formatBytes(info.actualSize)} (${info.actualSize} bytes)`,
  ].join('\n') + '\n';
}

/**
 * The http import that fits the format: `VmwareDiskImport.qcow2OverHttp` takes only `.qcow2`
 * files, so a raw image (large: every byte of the virtual size) is compressed first and
 * imported by a plain DataVolume (CDI decompresses `.xz` while it imports).
 */
function httpImport(output: string, name: string, size: string, format: string): string[] {
  const file = path.basename(output);
  if (format === DiskImageFormat.QCOW2) {
    return [
      'or serve it over http and let CDI import it:',
      `  VmwareDiskImport.qcow2OverHttp(this, '${name}', 'https://<your server>/${file}', { size: '${size}' })`,
    ];
  }
  return [
    `or compress it (xz -T0 ${output}), serve ${file}.xz over http and let CDI import it:`,
    `  new DataVolume(this, '${name}', { source: DataVolumeSource.http('https://<your server>/${file}.xz'), size: '${size}', accessModes: [AccessMode.READ_WRITE_MANY] })`,
  ];
}

/** What to do with the converted image: upload it, or serve it over http, into a DataVolume. */
export function nextStep(output: string, info: DiskImageInfo): string {
  const name = suggestDnsLabel(path.basename(output).replace(/\.(qcow2|raw|img)$/i, ''));
  const size = gibibytes(info.virtualSize);
  return [
    `Next: import it into a DataVolume of at least ${size} (ReadWriteMany, so the VM can live-migrate). Either upload it:`,
    `  virtctl image-upload dv ${name} --size=${size} --access-mode=ReadWriteMany --image-path=${output}`,
    '  (declared in code as a DataVolume waiting for the upload: VmwareDiskImport.forUpload(this, ...))',
    ...httpImport(output, name, size, info.format),
    '',
  ].join('\n');
}

/** `disk convert <in> <out>`: progress and hints on stderr, the result line on stdout. */
async function convert(files: string[], format: string | undefined, io: CommandIo): Promise<ExitCode> {
  if (files.length !== 2) throw new UsageError('disk convert takes an input and an output file: kubevirt-constructs disk convert <in> <out> [--format qcow2|raw]');
  const [input, output] = files;
  const progress = progressReporter(io.stderr, `Converting ${path.basename(input)}:`);
  const { source, result } = await convertDiskImage(input, output, {
    format: (format ?? DiskImageFormat.QCOW2) as DiskImageFormat,
    onProgress: qemuProgressParser((percent) => progress.update(percent)),
  }).finally(() => progress.finish());
  io.stdout.write(`Converted ${input} (${source.format}, ${formatBytes(source.virtualSize)} virtual) to ${output} (${result.format}, ${formatBytes(result.actualSize)} on disk).\n`);
  io.stderr.write(nextStep(output, result));
  return ExitCode.OK;
}

/** Options of `disk info` and `disk convert`. */
export interface DiskCommandOptions {
  readonly output: OutputFormat;
  readonly format?: string;
}

/** `disk info <file>` and `disk convert <in> <out> [--format qcow2|raw]`. */
export async function diskCommand(sub: 'info' | 'convert', files: string[], options: DiskCommandOptions, io: CommandIo, context: CommandContext): Promise<ExitCode> {
  try {
    if (sub === 'convert') return await convert(files, options.format, io);
    if (files.length !== 1) throw new UsageError('disk info takes one file: kubevirt-constructs disk info <file>');
    const info = diskImageInfo(files[0]);
    io.stdout.write(options.output === 'json' ? JSON.stringify(info, undefined, 2) + '\n' : describe(info));
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof DiskImageError) {
      // The library's hint always says sudo; here we know whether the user is root.
      io.stderr.write(`kubevirt-constructs: ${error.message.replace(QEMU_IMG_INSTALL_HINT, qemuImgInstallHint(context.uid))}\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}
