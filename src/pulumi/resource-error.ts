import * as pulumi from '@pulumi/pulumi';

/**
 * Runs `build` (which declares cdk8s constructs or checks arguments) and rethrows any error as a
 * `pulumi.ResourceError` of `component` with the same message, so `pulumi up` shows bad input
 * against the component instead of as a crash with a stack trace.
 */
export function asResourceError<T>(component: pulumi.Resource, build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof pulumi.ResourceError) throw e;
    throw new pulumi.ResourceError(e instanceof Error ? e.message : String(e), component);
  }
}
