import { HealthSample, meta } from './sample';

function dataVolume(source: Record<string, unknown>, status?: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: meta('testvm-root', 1, { namespace: 'default' }),
    spec: { source, storage: { resources: { requests: { storage: '20Gi' } } } },
    ...(status ? { status } : {}),
  };
}

const HTTP_SOURCE = { http: { url: 'https://cloud.centos.org/centos/8-stream/x86_64/images/CentOS-Stream-GenericCloud-8-20210603.0.x86_64.qcow2' } };

function condition(type: string, status: string, reason?: string, message?: string): Record<string, unknown> {
  return {
    type,
    status,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
    lastHeartbeatTime: '2021-09-07T15:25:33Z',
    lastTransitionTime: '2021-09-07T15:24:37Z',
  };
}

const BOUND = condition('Bound', 'True', 'Bound', 'PVC testvm-root Bound');

export const DATA_VOLUME_SAMPLES: HealthSample[] = [
  {
    name: 'no status yet',
    obj: dataVolume(HTTP_SOURCE),
    argo: { status: 'Progressing', message: 'no phase yet: waiting for CDI' },
    flux: 'Unknown',
  },
  {
    // argoproj/argo-cd@v3.5.1:resource_customizations/cdi.kubevirt.io/DataVolume/testdata/progressing_importing.yaml
    name: 'importing',
    obj: dataVolume(HTTP_SOURCE, {
      conditions: [BOUND, condition('Ready', 'False', 'TransferRunning'), condition('Running', 'True', 'Pod is running')],
      phase: 'ImportInProgress',
      progress: '2.00%',
    }),
    argo: { status: 'Progressing', message: 'ImportInProgress 2.00%' },
  },
  {
    // same folder, healthy_succeeded.yaml
    name: 'succeeded',
    obj: dataVolume(HTTP_SOURCE, {
      conditions: [BOUND, condition('Ready', 'True'), condition('Running', 'False', 'Completed')],
      phase: 'Succeeded',
      progress: '100.0%',
    }),
    argo: { status: 'Healthy', message: 'Succeeded' },
  },
  {
    // same folder, degraded_badurl.yaml: the importer fails and CDI restarts it
    name: 'importer pod failing',
    obj: dataVolume({ http: { url: 'https://download.fedoraproject.org/pub/no-such-image.xz' } }, {
      conditions: [
        BOUND,
        condition('Ready', 'False'),
        condition('Running', 'False', 'Error', 'Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found'),
      ],
      phase: 'ImportInProgress',
      progress: 'N/A',
      restartCount: 2,
    }),
    argo: {
      status: 'Degraded',
      message: 'ImportInProgress; Running=False: Error: Unable to connect to http data source: expected status code 200, got 404. Status: 404 Not Found (the pod restarted 2 times)',
    },
  },
  {
    // kubevirt/containerized-data-importer@v1.66.0:pkg/controller/util.go setAnnotationsFromPodWithPrefix
    // (ImagePullFailedReason, common.ImagePullFailureText)
    name: 'registry import cannot pull its image',
    obj: dataVolume({ registry: { url: 'docker://quay.io/containerdisks/no-such-disk:latest' } }, {
      conditions: [BOUND, condition('Ready', 'False'), condition('Running', 'False', 'ImagePullFailed', 'Failed to pull image: quay.io/containerdisks/no-such-disk:latest')],
      phase: 'ImportScheduled',
    }),
    argo: { status: 'Degraded', message: 'ImportScheduled; Running=False: ImagePullFailed: Failed to pull image: quay.io/containerdisks/no-such-disk:latest' },
  },
  {
    // doc/waitforfirstconsumer-storage-handling.md: CDI starts no worker pod until the PVC's first consumer exists
    name: 'waiting for its first consumer',
    obj: dataVolume(HTTP_SOURCE, {
      conditions: [condition('Bound', 'False', 'Pending', 'PVC testvm-root Pending'), condition('Ready', 'False'), condition('Running', 'False')],
      phase: 'WaitForFirstConsumer',
      progress: 'N/A',
    }),
    argo: { status: 'Healthy', message: 'WaitForFirstConsumer: the volume is populated when the VM that uses it is scheduled' },
  },
  {
    // doc/cdi-populators.md: with populators and a WFFC storage class the phase is PendingPopulation
    name: 'pending population',
    obj: dataVolume(HTTP_SOURCE, {
      conditions: [condition('Bound', 'False', 'Pending', 'PVC testvm-root Pending'), condition('Ready', 'False'), condition('Running', 'False')],
      phase: 'PendingPopulation',
      progress: 'N/A',
    }),
    argo: { status: 'Healthy', message: 'PendingPopulation: the volume is populated when the VM that uses it is scheduled' },
  },
  {
    // pkg/controller/datavolume/controller-base.go: a lost claim fails the DataVolume (conditions.go: reason ClaimLost)
    name: 'claim lost',
    obj: dataVolume(HTTP_SOURCE, {
      conditions: [condition('Bound', 'False', 'ClaimLost', 'Claim Lost'), condition('Ready', 'False'), condition('Running', 'False', 'Completed')],
      phase: 'Failed',
    }),
    argo: { status: 'Degraded', message: 'Failed; Running=False: Completed' },
  },
  {
    // types.go Paused: a multi-stage (warm) import between checkpoints
    name: 'multi-stage import paused',
    obj: dataVolume({ vddk: { backingFile: '[datastore1] testvm/testvm.vmdk', url: 'https://vcenter.example.com', uuid: '420f1fa8-2a0d-4d6e-9c63-3c3a2b1c0c11', secretRef: 'vsphere' } }, {
      conditions: [BOUND, condition('Ready', 'False'), condition('Running', 'False', 'Completed')],
      phase: 'Paused',
    }),
    argo: { status: 'Suspended', message: 'Paused: the multi-stage import waits for its next checkpoint' },
  },
];
