/**
 * jest's global setup and teardown: every temporary folder of a test run goes into one folder,
 * removed when the run ends. cdk8s' `Testing.app()` makes a `cdk8s.outdir.*` folder in the system
 * temp folder per app and never removes it; runs of this suite left tens of thousands there, which
 * made every file operation under /tmp several times slower (the bench writes its output there).
 * Test files and the processes they start inherit TMPDIR, which os.tmpdir() reads on every call.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const VARIABLE = 'KUBEVIRT_CONSTRUCTS_TEST_TMPDIR';

export function setup(): void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubevirt-constructs-test-'));
  process.env[VARIABLE] = root;
  process.env.TMPDIR = root;
}

export function teardown(): void {
  const root = process.env[VARIABLE];
  if (root !== undefined && path.basename(root).startsWith('kubevirt-constructs-test-')) fs.rmSync(root, { recursive: true, force: true });
}
