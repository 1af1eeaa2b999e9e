import { Duration } from 'cdk8s';
import { TaintEffect } from 'cdk8s-plus-32';
import { notOneOf, show } from '../common/errors';

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

/** Why a toleration is contradictory or malformed, or undefined. */
export function tolerationProblem(toleration: Toleration): string | undefined {
  const what = `toleration for key ${show(toleration.key)}`;
  const badOperator = toleration.operator === undefined ? undefined : notOneOf(toleration.operator, TolerationOperator);
  if (badOperator) return `${what}: operator ${show(toleration.operator)} ${badOperator}: use TolerationOperator.EQUAL or TolerationOperator.EXISTS`;
  const badEffect = toleration.effect === undefined ? undefined : notOneOf(toleration.effect, TaintEffect);
  if (badEffect) return `${what}: effect ${show(toleration.effect)} ${badEffect}: use TaintEffect.NO_SCHEDULE, TaintEffect.PREFER_NO_SCHEDULE or TaintEffect.NO_EXECUTE, or leave it out for all effects`;
  if (toleration.tolerationSeconds !== undefined && !(toleration.tolerationSeconds instanceof Duration)) {
    return `${what}: tolerationSeconds ${show(toleration.tolerationSeconds)} must be a cdk8s Duration, e.g. Duration.seconds(300)`;
  }
  if (toleration.operator === TolerationOperator.EXISTS && toleration.value !== undefined) {
    return `${what}: operator Exists matches any value, so value ${show(toleration.value)} must be left out (or use TolerationOperator.EQUAL)`;
  }
  return undefined;
}
