// KubeVirt's restore webhook reads JSON patches its own way (pkg/storage/admitters/vmrestore.go,
// v1.9.0); the restore and clone constructs and the virtual-machine-restores rule judge patches
// by this one reading, so it lives below both.

/**
 * Why KubeVirt's restore webhook refuses a rendered patch, if it does. It does not parse the
 * JSON: it trims the braces, splits at "," and then ":", and wants exactly one ":" in each piece
 * and a "path" under /spec/, /metadata/labels/ or /metadata/annotations/.
 */
export function restorePatchProblem(patch: string, webhook = 'KubeVirt\'s restore webhook'): string | undefined {
  for (const piece of patch.replace(/^[{}]+|[{}]+$/g, '').split(',')) {
    const parts = piece.split(':');
    if (parts.length !== 2) {
      return `cannot pass ${webhook}, which splits each patch at "," and ":" and refuses a piece without exactly one ":" (here ${piece}): `
        + 'a value holding ":" or ",", or an object or list value, is refused; patch one plain field per operation, or change the VM after the restore';
    }
    const [key, value] = parts.map((part) => part.trim());
    const allowed = ['"/spec/', '"/metadata/labels/', '"/metadata/annotations/'].some((prefix) => value.startsWith(prefix));
    if (key === '"path"' && !allowed) {
      return `patches only fields under /spec/, /metadata/labels/ or /metadata/annotations/ (${webhook} refuses ${value}; the target's name is targetName)`;
    }
  }
  return undefined;
}
