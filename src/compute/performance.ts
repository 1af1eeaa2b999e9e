// The input shapes of a VM's performance tuning, in a file of their own so the VM's props read
// them without importing the facet that checks them.
import { Size } from 'cdk8s';
import { IoThreadsPolicy } from './virtual-machine-instancetype';

/** Hugepages backing the guest memory. */
export interface HugepagesOptions {
  /**
   * The hugepage size the nodes offer, e.g. `"2Mi"` or `"1Gi"`. The VM's memory (the request, else
   * the guest memory, else the limit) must be a whole number of pages.
   */
  readonly pageSize: Size | string;
}

/** How the VM's disks get IO threads. */
export interface IoThreadsOptions {
  /**
   * `shared` or `auto`. Leave it out when giving `supplementalPoolThreadCount`.
   * @default - none: no IO threads, unless a disk asks for a dedicated one
   */
  readonly policy?: IoThreadsPolicy;
  /**
   * IO threads in a pool shared by all disks (KubeVirt's `supplementalPool` policy, 1.7+); writes
   * that policy. Not with `policy`.
   * @default - no supplemental pool
   */
  readonly supplementalPoolThreadCount?: number;
}
