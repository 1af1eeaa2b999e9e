import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-32';
import { TaintEffect } from 'cdk8s-plus-32';
import { LiveMigrationMode } from '../../src/model/live-migration';
import { CniPlugin, Ipam } from '../../src/network/cni';
import { NetworkAttachmentDefinition } from '../../src/network/network-attachment-definition';
import { StaticIpPool } from '../../src/network/static-ip-pool';
import {
  PoolScaleInStrategy, PoolSortPolicy, PoolUpdateStrategy, StatePreservation, VirtualMachinePool, VirtualMachinePoolProps,
} from '../../src/pool/virtual-machine-pool';
import { DataVolumeSource } from '../../src/storage/data-volume-source';
import { VolumeSource } from '../../src/storage/volume-source';
import { PUBLIC_KEY, findObject, synthValid } from '../helpers';

function newChart(namespace = 'web'): Chart {
  return new Chart(new App({ outdir: Testing.app().outdir }), 'test', { namespace });
}

function newPool(chart: Chart, props: Partial<VirtualMachinePoolProps> = {}): VirtualMachinePool {
  return new VirtualMachinePool(chart, 'pool', { metadata: { name: 'web' }, memory: '1Gi', ...props });
}

const FEDORA = VolumeSource.containerDisk('quay.io/containerdisks/fedora:41');

describe('VirtualMachinePool: the synthesized pool', () => {
  test('a minimal pool: selector labels on the VM template and the pods, no replicas, no firmware identity, strict schema', () => {
    const chart = newChart();
    newPool(chart, { disks: [{ name: 'root', source: FEDORA }] });
    const objects = synthValid(chart);
    expect(objects.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual(['pool.kubevirt.io/v1beta1 VirtualMachinePool']);
    const spec = objects[0].spec;
    expect(spec.replicas).toBeUndefined();
    expect(spec.paused).toBeUndefined();
    expect(spec.selector).toEqual({ matchLabels: { 'kubevirt.io/vmpool': 'web' } });
    expect(spec.virtualMachineTemplate.metadata).toEqual({ labels: { 'kubevirt.io/vmpool': 'web' } });
    const template = spec.virtualMachineTemplate.spec.template;
    expect(template.metadata.labels).toEqual({ 'kubevirt.io/vmpool': 'web' });
    // KubeVirt derives each VM's firmware UUID from its own name; one written here would be every VM's.
    expect(template.spec.domain.firmware).toBeUndefined();
    expect(template.spec.domain.memory).toEqual({ guest: '1Gi' });
    expect(spec.virtualMachineTemplate.spec.runStrategy).toBe('Always');
  });

  test('every pool field: replicas, maxUnavailable, paused, name generation, strategies, autohealing', () => {
    const chart = newChart();
    newPool(chart, {
      replicas: 4,
      maxUnavailable: 1,
      paused: true,
      nameGeneration: { appendIndexToSecretRefs: true, appendIndexToConfigMapRefs: false },
      scaleInStrategy: PoolScaleInStrategy.proactive({ selectionPolicy: { sortPolicy: PoolSortPolicy.OLDEST, vmLabels: { tier: 'canary' } }, statePreservation: StatePreservation.ONLINE }),
      updateStrategy: PoolUpdateStrategy.proactive({ sortPolicy: PoolSortPolicy.DESCENDING_ORDER }),
      autohealing: { startUpFailureThreshold: 5, minFailingToStartDuration: Duration.minutes(10) },
    });
    const spec = findObject(synthValid(chart), 'VirtualMachinePool').spec;
    expect(spec.replicas).toBe(4);
    expect(spec.maxUnavailable).toBe(1);
    expect(spec.paused).toBe(true);
    expect(spec.nameGeneration).toEqual({ appendIndexToSecretRefs: true, appendIndexToConfigMapRefs: false });
    expect(spec.scaleInStrategy).toEqual({
      proactive: { selectionPolicy: { sortPolicy: 'Oldest', selectors: { labelSelector: { matchLabels: { tier: 'canary' } } } }, statePreservation: 'Online' },
    });
    expect(spec.updateStrategy).toEqual({ proactive: { selectionPolicy: { sortPolicy: 'DescendingOrder' } } });
    expect(spec.autohealing).toEqual({ startUpFailureThreshold: 5, minFailingToStartDuration: '600s' });
  });

  test('the other strategies, a percentage maxUnavailable, autohealing with KubeVirt\'s thresholds', () => {
    const chart = newChart();
    newPool(chart, {
      maxUnavailable: '25%',
      scaleInStrategy: PoolScaleInStrategy.opportunistic({ statePreservation: StatePreservation.OFFLINE }),
      updateStrategy: PoolUpdateStrategy.opportunistic(),
      autohealing: {},
    });
    newPool(newChart('other'), {});
    const spec = findObject(synthValid(chart), 'VirtualMachinePool').spec;
    expect(spec.maxUnavailable).toBe('25%');
    expect(spec.scaleInStrategy).toEqual({ opportunistic: { statePreservation: 'Offline' } });
    expect(spec.updateStrategy).toEqual({ opportunistic: {} });
    expect(spec.autohealing).toEqual({});
    const unmanaged = newChart();
    newPool(unmanaged, { scaleInStrategy: PoolScaleInStrategy.unmanaged(), updateStrategy: PoolUpdateStrategy.unmanaged() });
    const other = findObject(synthValid(unmanaged), 'VirtualMachinePool').spec;
    expect([other.scaleInStrategy, other.updateStrategy]).toEqual([{ unmanaged: {} }, { unmanaged: {} }]);
  });

  test('own selector labels replace the default and join the instance labels', () => {
    const chart = newChart();
    const pool = newPool(chart, { selectorLabels: { app: 'web', tier: 'front' }, instanceMetadata: { labels: { team: 'a' } } });
    expect(pool.selectorLabels).toEqual({ app: 'web', tier: 'front' });
    const spec = findObject(synthValid(chart), 'VirtualMachinePool').spec;
    expect(spec.selector).toEqual({ matchLabels: { app: 'web', tier: 'front' } });
    expect(spec.virtualMachineTemplate.metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect(spec.virtualMachineTemplate.spec.template.metadata.labels).toEqual({ team: 'a', app: 'web', tier: 'front' });
  });

  test('DataVolume templates keep their base name (KubeVirt appends -<index> per VM), and the pool is kept from GitOps pruning', () => {
    const chart = newChart();
    newPool(chart, {
      disks: [{ name: 'root', source: VolumeSource.dataVolumeTemplate({ source: DataVolumeSource.registry('docker://quay.io/containerdisks/fedora:41'), size: '10Gi' }) }],
    });
    const pool = findObject(synthValid(chart), 'VirtualMachinePool');
    const vm = pool.spec.virtualMachineTemplate.spec;
    expect(vm.dataVolumeTemplates.map((t: any) => t.metadata.name)).toEqual(['web-root']);
    expect(vm.template.spec.volumes).toEqual([{ name: 'root', dataVolume: { name: 'web-root' } }]);
    expect(pool.metadata.annotations).toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false', 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
  });

  test('mutators after construction reach the template: disks, cloud-init, SSH keys, tolerations; live migration as for a VM', () => {
    const chart = newChart();
    const pool = newPool(chart, { liveMigration: LiveMigrationMode.PREFERRED, allowBlockMigration: true });
    pool.addDisk('root', FEDORA);
    pool.addCloudInit({ userData: { packages: ['nginx'] } });
    pool.addSshKeys({ publicKeys: [PUBLIC_KEY] });
    pool.addToleration({ key: 'virt', effect: TaintEffect.NO_SCHEDULE });
    const objects = synthValid(chart);
    const template = findObject(objects, 'VirtualMachinePool').spec.virtualMachineTemplate.spec.template.spec;
    expect(template.domain.devices.disks.map((d: any) => d.name)).toEqual(['root', 'cloudinitdisk']);
    expect(template.volumes[1]).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'web-cloud-init' } } });
    expect(template.accessCredentials[0].sshPublicKey.source).toEqual({ secret: { secretName: 'web-ssh-keys' } });
    expect(template.tolerations).toEqual([{ key: 'virt', effect: 'NoSchedule' }]);
    expect(template.evictionStrategy).toBe('LiveMigrateIfPossible');
    expect(findObject(objects, 'Secret', 'web-cloud-init').metadata.namespace).toBe('web');
  });

  test('liveMigration REQUIRED: the pool\'s template is judged as a VM at synth', () => {
    const chart = newChart();
    newPool(chart, { liveMigration: LiveMigrationMode.REQUIRED, disks: [{ name: 'root', source: FEDORA }] });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/pool\] VirtualMachinePool web\/web spec\.virtualMachineTemplate\.spec\.template\.spec\.volumes\[0\]: .*volume "root" is a container disk/);
  });

  test('exposeViaService selects every VM\'s pod by the selector labels, not one VM\'s name', () => {
    const chart = newChart();
    const pool = newPool(chart, { selectorLabels: { app: 'web' }, podNetwork: { ports: [{ port: 8080, name: 'http' }] } });
    pool.exposeViaService({ ports: [{ port: 80, targetPort: 'http' }] });
    const objects = synthValid(chart);
    const service = findObject(objects, 'Service', 'web');
    expect(service.spec.selector).toEqual({ app: 'web' });
    expect(service.spec.ports).toEqual([{ port: 80, targetPort: 'http', protocol: 'TCP' }]);
    const labels = findObject(objects, 'VirtualMachinePool').spec.virtualMachineTemplate.spec.template.metadata.labels;
    expect(labels).toEqual({ app: 'web' });
    expect(labels['vm.kubevirt.io/name']).toBeUndefined();
  });

  test('autoscaling: a HorizontalPodAutoscaler (autoscaling/v2) on the pool\'s scale subresource, by CPU', () => {
    const chart = newChart();
    const pool = newPool(chart, { autoscaling: { minReplicas: 2, maxReplicas: 6, targetCpuUtilization: 60 } });
    const objects = synthValid(chart);
    const hpa = findObject(objects, 'HorizontalPodAutoscaler');
    expect(pool.autoscaler).toBeDefined();
    expect(hpa).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'pool.kubevirt.io/v1beta1', kind: 'VirtualMachinePool', name: 'web' },
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }],
      },
    });
    // The autoscaler owns replicas: the pool leaves it out.
    expect(findObject(objects, 'VirtualMachinePool').spec.replicas).toBeUndefined();
  });

  test('autoscaling defaults: minReplicas 1, 80% CPU; replicas within the range is written', () => {
    const chart = newChart();
    const pool = newPool(chart, { replicas: 3, autoscaling: { maxReplicas: 3 } });
    const objects = synthValid(chart);
    expect(findObject(objects, 'HorizontalPodAutoscaler').spec).toMatchObject({ minReplicas: 1, maxReplicas: 3, metrics: [{ resource: { target: { averageUtilization: 80 } } }] });
    expect(pool.replicas).toBe(3);
    expect(findObject(objects, 'VirtualMachinePool').spec.replicas).toBe(3);
    expect(newPool(newChart()).autoscaler).toBeUndefined();
  });

  test('a shared claim is accepted read-only; secondary networks with IPAM are accepted', () => {
    const chart = newChart();
    const nad = new NetworkAttachmentDefinition(chart, 'nad', { metadata: { name: 'lab' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam: Ipam.whereabouts({ range: '10.10.0.0/24' }) });
    const pool = newPool(chart, { disks: [{ name: 'content', source: VolumeSource.persistentVolumeClaim('site', { accessModes: [kplus.PersistentVolumeAccessMode.READ_ONLY_MANY] }), readOnly: true }] });
    pool.attachNetwork(nad);
    const template = findObject(synthValid(chart), 'VirtualMachinePool').spec.virtualMachineTemplate.spec.template.spec;
    expect(template.volumes).toEqual([{ name: 'content', persistentVolumeClaim: { claimName: 'site' } }]);
    expect(template.domain.devices.interfaces[1]).toEqual({ name: 'lab', bridge: {} });
    expect(template.networks[1]).toEqual({ name: 'lab', multus: { networkName: 'lab' } });
  });

  test('appendIndexToSecretRefs with Secrets named by the user: their base names are written, KubeVirt appends the index', () => {
    const chart = newChart();
    newPool(chart, { nameGeneration: { appendIndexToSecretRefs: true }, cloudInit: { userDataSecret: 'web-userdata' } });
    const volume = findObject(synthValid(chart), 'VirtualMachinePool').spec.virtualMachineTemplate.spec.template.spec.volumes[0];
    expect(volume).toEqual({ name: 'cloudinitdisk', cloudInitNoCloud: { secretRef: { name: 'web-userdata' } } });
  });
});

describe('VirtualMachinePool: what would be every VM\'s is refused', () => {
  const cases: Array<[string, (chart: Chart) => unknown, string]> = [
    ['firmwareIdentity', (chart) => newPool(chart, { firmwareIdentity: { serial: 'ABC' } }),
      '[test/pool] firmwareIdentity {"serial":"ABC"} would give every VM of the pool the same SMBIOS UUID and serial, which guests and licensing tools take for one machine: leave it out (KubeVirt derives each VM\'s firmware UUID from the VM\'s own name, <pool>-<index>)'],
    ['a writable claim in props', (chart) => newPool(chart, { disks: [{ name: 'data', source: VolumeSource.persistentVolumeClaim('shared') }] }),
      '[test/pool] disk "data": every VM of the pool would write to the same claim "shared" (the pool gives a VM its own copy only of DataVolume templates, named <name>-<index>): use VolumeSource.dataVolumeTemplate({ ... }) for a disk per VM, or mark the disk readOnly: true to share it (on ReadOnlyMany or ReadWriteMany storage)'],
    ['a writable DataVolume through addDisk', (chart) => newPool(chart).addDisk('data', VolumeSource.dataVolume('golden')),
      '[test/pool] disk "data": every VM of the pool would write to the same DataVolume "golden" (the pool gives a VM its own copy only of DataVolume templates, named <name>-<index>): use VolumeSource.dataVolumeTemplate({ ... }) for a disk per VM, or mark the disk readOnly: true to share it (on ReadOnlyMany or ReadWriteMany storage)'],
    ['a fixed ip', (chart) => newPool(chart).attachNetwork(lab(chart, Ipam.none()), { ip: '10.0.0.5/24' }),
      '[test/pool] attachNetwork: ip "10.0.0.5/24" would be every VM\'s, as a pool has one VM template and gives no VM an address of its own: leave ip out and let the network assign addresses (Ipam.whereabouts(...) or Ipam.dhcp()), or declare one VirtualMachine per fixed address'],
    ['an ip from a StaticIpPool', (chart) => newPool(chart).attachNetwork(lab(chart, Ipam.none()), { ip: new StaticIpPool(chart, 'ips', { cidr: '10.0.0.0/24' }).allocate('a') }),
      '[test/pool] attachNetwork: ip "10.0.0.1/24" would be every VM\'s, as a pool has one VM template and gives no VM an address of its own: leave ip out and let the network assign addresses (Ipam.whereabouts(...) or Ipam.dhcp()), or declare one VirtualMachine per fixed address'],
    ['a fixed MAC', (chart) => newPool(chart).attachNetwork(lab(chart, Ipam.dhcp()), { macAddress: '02:00:00:00:00:01' }),
      '[test/pool] attachNetwork: macAddress "02:00:00:00:00:01" would be every VM\'s, and VMs sharing a MAC on one network clash: leave it out (each VM then gets its own, from the CNI or KubeMacPool)'],
    ['a network with static IPAM addresses', (chart) => newPool(chart).attachNetwork(lab(chart, Ipam.static({ addresses: ['10.1.0.5/24'] }))),
      '[test/pool] attachNetwork: network "lab" gives every pod that attaches the static address 10.1.0.5/24, so every VM of the pool would have it: use a network with Ipam.whereabouts(...) or Ipam.dhcp() for a pool'],
    ['an instance label that gives a selector label another value', (chart) => newPool(chart, { instanceMetadata: { labels: { 'kubevirt.io/vmpool': 'api' } } }),
      '[test/pool] instanceMetadata.labels["kubevirt.io/vmpool"] "api" differs from the pool\'s selector label kubevirt.io/vmpool=web, which the VMs\' pods must carry for Services and the autoscaler to select them: drop that label, or give it in selectorLabels'],
    ['a name without room for the index', (chart) => newPool(chart, { metadata: { name: 'a'.repeat(62) }, replicas: 10 }),
      `[test/pool] metadata.name "${'a'.repeat(62)}" has 62 characters, and its VMs are named "<pool>-9", which KubeVirt uses as hostname and label value (at most 63): use a name of at most 61 characters`],
    ['a name without room for the autoscaler\'s largest index', (chart) => newPool(chart, { metadata: { name: 'a'.repeat(61) }, autoscaling: { maxReplicas: 11 } }),
      `[test/pool] metadata.name "${'a'.repeat(61)}" has 61 characters, and its VMs are named "<pool>-10", which KubeVirt uses as hostname and label value (at most 63): use a name of at most 60 characters`],
  ];
  test.each(cases)('%s', (_name, act, message) => {
    expect(() => act(newChart())).toThrow(new Error(message));
  });

  test('a refused pool leaves nothing behind: no pool, no autoscaler, the id is free', () => {
    const chart = newChart();
    expect(() => newPool(chart, { firmwareIdentity: {}, autoscaling: { maxReplicas: 2 } })).toThrow(/firmwareIdentity/);
    expect(chart.node.children).toEqual([]);
    newPool(chart);
    expect(synthValid(chart).map((o) => o.kind)).toEqual(['VirtualMachinePool']);
  });

  test('appendIndexToSecretRefs with the generated cloud-init Secret is refused at synth', () => {
    const chart = newChart();
    const pool = newPool(chart, { nameGeneration: { appendIndexToSecretRefs: true } });
    pool.addCloudInit({ userData: { packages: ['nginx'] } });
    expect(() => Testing.synth(chart)).toThrow('[test/pool] nameGeneration.appendIndexToSecretRefs makes VM <pool>-<i> read cloud-init from Secret "web-cloud-init-<i>", but the Secret generated from cloudInit userData/networkData is the one "web-cloud-init" for all VMs: create a Secret per index yourself and name its base in cloudInit.userDataSecret / networkDataSecret, or drop appendIndexToSecretRefs');
  });
});

function lab(chart: Chart, ipam: Ipam): NetworkAttachmentDefinition {
  return new NetworkAttachmentDefinition(chart, 'lab', { metadata: { name: 'lab' }, cni: CniPlugin.bridge({ bridge: 'br1' }), ipam });
}

describe('VirtualMachinePool: bad pool props, plain JavaScript included, get exact messages', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['negative replicas', { replicas: -1 }, 'replicas -1 must be a whole number, 0 or more'],
    ['fractional replicas', { replicas: 1.5 }, 'replicas 1.5 must be a whole number, 0 or more'],
    ['replicas as a string', { replicas: '3' }, 'replicas "3" must be a whole number, 0 or more'],
    ['paused as a string', { paused: 'yes' }, 'paused "yes" must be true or false'],
    ['empty selectorLabels', { selectorLabels: {} }, 'selectorLabels {} must be a non-empty map of labels, e.g. { app: "web" }, or left out for { "kubevirt.io/vmpool": <pool name> }'],
    ['selectorLabels as an array', { selectorLabels: ['web'] }, 'selectorLabels ["web"] must be a non-empty map of labels, e.g. { app: "web" }, or left out for { "kubevirt.io/vmpool": <pool name> }'],
    ['a bad selector label key', { selectorLabels: { 'a/b/c': 'x' } }, 'selectorLabels key "a/b/c" has 2 \'/\': a key is a name with at most one optional "prefix/" (e.g. "example.com/tier")'],
    ['a bad selector label value', { selectorLabels: { app: 'web site' } }, 'selectorLabels["app"] "web site" is not empty nor at most 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit: write e.g. "web-site", or keep free text in an annotation'],
    ['a number as a selector label value', { selectorLabels: { app: 1 } }, 'selectorLabels["app"] 1 must be a string'],
    ['maxUnavailable 0', { maxUnavailable: 0 }, 'maxUnavailable 0 must be a whole number of at least 1, or a percentage such as "25%"'],
    ['maxUnavailable 0%', { maxUnavailable: '0%' }, 'maxUnavailable "0%" must be a whole number of at least 1, or a percentage from "1%" to "100%"'],
    ['maxUnavailable 101%', { maxUnavailable: '101%' }, 'maxUnavailable "101%" must be a whole number of at least 1, or a percentage from "1%" to "100%"'],
    ['maxUnavailable as a numeric string', { maxUnavailable: '2' }, 'maxUnavailable "2" must be a whole number of at least 1, or a percentage from "1%" to "100%"'],
    ['maxUnavailable as a boolean', { maxUnavailable: true }, 'maxUnavailable true must be a whole number of at least 1, or a percentage from "1%" to "100%"'],
    ['nameGeneration as a string', { nameGeneration: 'index' }, 'nameGeneration "index" must be an object such as { appendIndexToSecretRefs: true }, or left out'],
    ['a nameGeneration switch as a string', { nameGeneration: { appendIndexToSecretRefs: 'yes' } }, 'nameGeneration.appendIndexToSecretRefs "yes" must be true or false'],
    ['scaleInStrategy as a plain object', { scaleInStrategy: { proactive: {} } }, 'scaleInStrategy {"proactive":{}} must be PoolScaleInStrategy.proactive(), .opportunistic() or .unmanaged()'],
    ['updateStrategy as a string', { updateStrategy: 'proactive' }, 'updateStrategy "proactive" must be PoolUpdateStrategy.proactive(), .opportunistic() or .unmanaged()'],
    ['a bad statePreservation', { scaleInStrategy: PoolScaleInStrategy.proactive({ statePreservation: 'Keep' as any }) },
      'scaleInStrategy: PoolScaleInStrategy.proactive: statePreservation "Keep" is not one of "Disabled", "Offline", "Online"'],
    ['opportunistic scale-in options as a string', { scaleInStrategy: PoolScaleInStrategy.opportunistic('Offline' as any) },
      'scaleInStrategy: PoolScaleInStrategy.opportunistic: options "Offline" must be an object, or left out'],
    ['proactive scale-in options as null', { scaleInStrategy: PoolScaleInStrategy.proactive(null as any) },
      'scaleInStrategy: PoolScaleInStrategy.proactive: options null must be an object, or left out'],
    ['a bad sortPolicy', { updateStrategy: PoolUpdateStrategy.proactive({ sortPolicy: 'Alphabetical' as any }) },
      'updateStrategy: PoolUpdateStrategy.proactive: selectionPolicy.sortPolicy "Alphabetical" is not one of "AscendingOrder", "DescendingOrder", "Newest", "Oldest", "Random"'],
    ['selectionPolicy as a string', { updateStrategy: PoolUpdateStrategy.proactive('Oldest' as any) },
      'updateStrategy: PoolUpdateStrategy.proactive: selectionPolicy "Oldest" must be an object such as { sortPolicy: PoolSortPolicy.OLDEST }'],
    ['vmLabels with a number', { updateStrategy: PoolUpdateStrategy.proactive({ vmLabels: { tier: 1 } as any }) },
      'updateStrategy: PoolUpdateStrategy.proactive: selectionPolicy.vmLabels {"tier":1} must map label keys to string values, e.g. { tier: "canary" }'],
    ['autohealing as true', { autohealing: true }, 'autohealing true must be an object such as { startUpFailureThreshold: 3 } ({} for KubeVirt\'s thresholds), or left out'],
    ['a zero startUpFailureThreshold', { autohealing: { startUpFailureThreshold: 0 } }, 'autohealing.startUpFailureThreshold 0 must be a whole number of at least 1'],
    ['minFailingToStartDuration as a number', { autohealing: { minFailingToStartDuration: 300 } }, 'autohealing.minFailingToStartDuration 300 must be a cdk8s Duration, e.g. Duration.minutes(5)'],
    ['minFailingToStartDuration in part seconds', { autohealing: { minFailingToStartDuration: Duration.millis(1500) } }, 'autohealing.minFailingToStartDuration of 1.5 seconds must be a whole number of seconds, at least 1'],
    ['autoscaling as a number', { autoscaling: 5 }, 'autoscaling 5 must be an object such as { maxReplicas: 5 }, or left out'],
    ['autoscaling without maxReplicas', { autoscaling: {} }, 'autoscaling.maxReplicas undefined must be a whole number of at least 1'],
    ['autoscaling minReplicas 0', { autoscaling: { minReplicas: 0, maxReplicas: 3 } }, 'autoscaling.minReplicas 0 must be a whole number of at least 1'],
    ['autoscaling min above max', { autoscaling: { minReplicas: 4, maxReplicas: 3 } }, 'autoscaling.minReplicas 4 is more than maxReplicas 3: lower minReplicas or raise maxReplicas'],
    ['autoscaling target as a string', { autoscaling: { maxReplicas: 3, targetCpuUtilization: '80%' } }, 'autoscaling.targetCpuUtilization "80%" must be a whole percentage of at least 1, e.g. 80'],
    ['replicas outside the autoscaling range', { replicas: 5, autoscaling: { minReplicas: 2, maxReplicas: 4 } },
      'replicas 5 is outside autoscaling\'s 2-4, and the autoscaler would change it at once: leave replicas out (the autoscaler sets it), or widen the range'],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    expect(() => newPool(newChart(), props as Partial<VirtualMachinePoolProps>)).toThrow(new Error(`[test/pool] ${message}`));
  });

  test('null props and VM props are checked as for a VirtualMachine', () => {
    expect(() => new VirtualMachinePool(newChart(), 'pool', null as any)).toThrow(new Error('[test/pool] props null must be an object of VirtualMachineProps, e.g. { memory: "2Gi" }'));
    expect(() => newPool(newChart(), { liveMigration: 'always' as any })).toThrow(new Error('[test/pool] liveMigration "always" is not one of "required", "preferred", "off": use LiveMigrationMode.REQUIRED, PREFERRED or OFF'));
  });
});
