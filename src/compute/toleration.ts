import { Duration } from 'cdk8s';
import { TaintEffect } from 'cdk8s-plus-32';

/** How a toleration matches a taint's value. */
export enum TolerationOperator {
  /** The taint's value must equal `value`. */
  EQUAL = 'Equal',
  /** Any value (and, without a key, any taint). */
  EXISTS = 'Exists',
}

/** Lets the VM schedule onto (or stay on) nodes with a matching taint. */
export interface Toleration {
  /**
   * Taint key; empty with `EXISTS` tolerates every taint.
   * @default - all keys
   */
  readonly key?: string;
  /** @default TolerationOperator.EQUAL */
  readonly operator?: TolerationOperator;
  /** @default - none (required with EQUAL) */
  readonly value?: string;
  /** @default - all effects */
  readonly effect?: TaintEffect;
  /**
   * For NO_EXECUTE: how long the VM stays on a node after the taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: Duration;
}
