/** cdk8s' file name of an object: `<kind>.<name>` without characters unsafe in file names. */
function cdk8sFileName(kind: unknown, ...parts: unknown[]): string {
  return [kind, ...parts].map((part) => String(part)).join('.').replace(/[^0-9a-zA-Z-_.]/g, '');
}

/**
 * The file name of each object when every object gets a file of its own in one folder.
 *
 * cdk8s names the file `<kind>.<name><ext>`, so two objects of the same kind and name in
 * different namespaces (or API groups) would share a file and the last written would silently
 * replace the other. Those objects get `<kind>.<namespace>.<name><ext>` instead, and any name
 * still taken gets `-2`, `-3`, ... before the extension (in output order). Every other object
 * keeps cdk8s' name, so apps without such a collision are written exactly as cdk8s writes them.
 */
export function resourceFileNames(objects: readonly any[], extension: string): string[] {
  const cdk8sNames = objects.map((object) => cdk8sFileName(object?.kind, object?.metadata?.name));
  const holders = new Map<string, number>();
  for (const name of cdk8sNames) holders.set(name, (holders.get(name) ?? 0) + 1);
  // Names held by exactly one object stay theirs: reserve them before naming the colliding ones.
  const taken = new Set(cdk8sNames.filter((name) => holders.get(name) === 1));
  return objects.map((object, i) => {
    const name = cdk8sNames[i];
    if (holders.get(name) === 1) return name + extension;
    const namespace = object?.metadata?.namespace;
    const qualified = namespace === undefined ? name : cdk8sFileName(object.kind, namespace, object.metadata?.name);
    let unique = qualified;
    for (let n = 2; taken.has(unique); n++) unique = `${qualified}-${n}`;
    taken.add(unique);
    return unique + extension;
  });
}
