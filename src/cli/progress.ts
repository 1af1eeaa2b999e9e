import { TextSink } from './manifest-commands';

/** Shows how far a long task is, on a stream meant for people (stderr). */
export interface ProgressReporter {
  /** `percent` from 0 to 100; calls may repeat a value. */
  update(percent: number): void;
  /** Ends the display (a newline after the last frame on a terminal). */
  finish(): void;
}

/** Lines written when stderr is not a terminal: one every this many percent. */
const PLAIN_STEP = 10;

/**
 * On a terminal, one line redrawn with `\r`; elsewhere (a CI log, a file, a pipe), where `\r`
 * frames pile up into one unreadable line, a plain line every 10 %.
 */
export function progressReporter(sink: TextSink, label: string): ProgressReporter {
  if (sink.isTTY) {
    let shown = false;
    return {
      update: (percent) => {
        sink.write(`\r${label} ${percent.toFixed(1).padStart(5)} %`);
        shown = true;
      },
      finish: () => {
        if (shown) sink.write('\n');
      },
    };
  }
  let lastStep = 0;
  return {
    update: (percent) => {
      const step = Math.floor(percent / PLAIN_STEP) * PLAIN_STEP;
      if (step <= lastStep) return;
      lastStep = step;
      sink.write(`${label} ${step} %\n`);
    },
    finish: () => undefined,
  };
}

/**
 * Reads qemu-img's `-p` output, frames like `    (42.00/100%)\r`, that may arrive split across
 * chunks, and passes each percentage on.
 */
export function qemuProgressParser(onPercent: (percent: number) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    const frame = /\((\d+(?:\.\d+)?)\/100%\)/g;
    let match: RegExpExecArray | null;
    let consumed = 0;
    while ((match = frame.exec(pending)) !== null) {
      onPercent(Number(match[1]));
      consumed = frame.lastIndex;
    }
    // Keep an unfinished frame for the next chunk; drop what cannot start one.
    const rest = pending.slice(consumed);
    const open = rest.lastIndexOf('(');
    pending = open >= 0 ? rest.slice(open) : '';
  };
}
