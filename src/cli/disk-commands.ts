import * as path from 'path';
import { CommandIo, ExitCode, OutputFormat, UsageError } from './manifest-commands';
import { suggestDnsLabel } from '../common/names';
import { DiskImageError, DiskImageFormat, DiskImageInfo, convertDiskImage, diskImageInfo, formatBytes } from '../vmware/qemu-img';

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

/** What to do with the converted image: upload it, or serve it over http, into a DataVolume. */
function nextStep(output: string, info: DiskImageInfo): string {
  const name = suggestDnsLabel(path.basename(output).replace(/\.(qcow2|raw|img)$/i, ''));
  const size = gibibytes(info.virtualSize);
  return [
    '',
    `Next: import it into a DataVolume of at least ${size} (ReadWriteMany, so the VM can live-migrate). Either upload it:`,
    `  virtctl image-upload dv ${name} --size=${size} --access-mode=ReadWriteMany --image-path=${output}`,
    '  (declared in code as a DataVolume waiting for the upload: VmwareDiskImport.forUpload(this, ...))',
    'or serve it over http and let CDI import it:',
    `  VmwareDiskImport.qcow2OverHttp(this, '${name}', 'https://<your server>/${path.basename(output)}', { size: '${size}' })`,
    '',
  ].join('\n');
}

/** `disk info <file>` and `disk convert <in> <out> [--format qcow2|raw]`. */
export async function diskCommand(args: string[], options: { output: OutputFormat; format?: string }, io: CommandIo): Promise<ExitCode> {
  const [sub, ...files] = args;
  try {
    if (sub === 'info') {
      if (files.length !== 1) throw new UsageError('disk info takes one file: kubevirt-constructs disk info <file>');
      const info = diskImageInfo(files[0]);
      io.stdout.write(options.output === 'json' ? JSON.stringify(info, undefined, 2) + '\n' : describe(info));
      return ExitCode.OK;
    }
    if (sub === 'convert') {
      if (files.length !== 2) throw new UsageError('disk convert takes an input and an output file: kubevirt-constructs disk convert <in> <out> [--format qcow2|raw]');
      const [input, output] = files;
      const { source, result } = await convertDiskImage(input, output, {
        format: (options.format ?? DiskImageFormat.QCOW2) as DiskImageFormat,
        onProgress: (text) => io.stdout.write(text),
      });
      io.stdout.write(`\nConverted ${input} (${source.format}, ${formatBytes(source.virtualSize)} virtual) to ${output} (${result.format}, ${formatBytes(result.actualSize)} on disk).\n`);
      io.stdout.write(nextStep(output, result));
      return ExitCode.OK;
    }
    throw new UsageError(`unknown disk command ${JSON.stringify(sub)}: use "disk info <file>" or "disk convert <in> <out>"`);
  } catch (error) {
    if (error instanceof DiskImageError) {
      io.stderr.write(`kubevirt-constructs: ${error.message}\n`);
      return ExitCode.USAGE;
    }
    throw error;
  }
}
