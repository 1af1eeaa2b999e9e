import { issuesOf, vm } from './rule-fixtures';
import { runStrategy } from '../../../src/validation/rules/run-strategy';

describe('rule run-strategy', () => {
  test('fires on running and runStrategy together', () => {
    expect(issuesOf(runStrategy, [vm('web', (_s, o) => { o.spec.running = true; })])).toEqual([
      'error run-strategy VirtualMachine web spec.running: VirtualMachine "mq/web" sets both running and runStrategy, which KubeVirt refuses: remove running (deprecated; runStrategy "Always" says it all)',
    ]);
  });

  test('fires on neither', () => {
    expect(issuesOf(runStrategy, [vm('web', (_s, o) => { delete o.spec.runStrategy; })])).toEqual([
      'error run-strategy VirtualMachine web spec.runStrategy: VirtualMachine "mq/web" has no runStrategy, which KubeVirt requires: set runStrategy (e.g. "Always" to keep it running, "Halted" to keep it stopped)',
    ]);
  });

  test('fires on a run strategy KubeVirt does not know', () => {
    expect(issuesOf(runStrategy, [vm('web', (_s, o) => { o.spec.runStrategy = 'RestartOnFailure'; })])).toEqual([
      'error run-strategy VirtualMachine web spec.runStrategy: VirtualMachine "mq/web" has runStrategy "RestartOnFailure", which KubeVirt does not know: use one of "Always", "Halted", "Manual", "RerunOnFailure", "Once"',
    ]);
  });

  test('warns on the deprecated running', () => {
    expect(issuesOf(runStrategy, [vm('web', (_s, o) => { delete o.spec.runStrategy; o.spec.running = false; })])).toEqual([
      'warning run-strategy VirtualMachine web spec.running: VirtualMachine "mq/web" uses running, which KubeVirt accepts with a deprecation warning: use runStrategy "Halted" instead',
    ]);
  });

  test('stays quiet on each known run strategy, and on a VirtualMachineInstance', () => {
    const vmi = { apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachineInstance', metadata: { name: 'vmi', namespace: 'mq' }, spec: { domain: { devices: {} } } };
    expect(issuesOf(runStrategy, [...['Always', 'Halted', 'Manual', 'RerunOnFailure', 'Once'].map((s, i) => vm(`web${i}`, (_s, o) => { o.spec.runStrategy = s; })), vmi])).toEqual([]);
  });
});
