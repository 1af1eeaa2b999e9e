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

/** Why a toleration is contradictory, or undefined. */
export function tolerationProblem(toleration: Toleration): string | undefined {
  if (toleration.operator === TolerationOperator.EXISTS && toleration.value !== undefined) {
    return `toleration for key ${JSON.stringify(toleration.key)}: operator Exists matches any value, so value ${JSON.stringify(toleration.value)} must be left out (or use TolerationOperator.EQUAL)`;
  }
  return undefined;
}
