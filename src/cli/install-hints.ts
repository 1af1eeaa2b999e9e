/**
 * How to install qemu-img on the common systems, as commands that work when pasted: `sudo` only
 * for a normal user (root in a container has no sudo), and `apt-get update` first (a fresh
 * container has no package lists). `uid` is `process.getuid?.()`; undefined (Windows) counts
 * as a normal user. brew refuses to run as root, so it never gets sudo.
 */
export function qemuImgInstallHint(uid: number | undefined): string {
  const sudo = uid === 0 ? '' : 'sudo ';
  return [
    `install it: \`${sudo}apt-get update && ${sudo}apt-get install -y qemu-utils\` (Debian, Ubuntu),`,
    `\`${sudo}dnf install -y qemu-img\` (Fedora, RHEL) or \`brew install qemu\` (macOS)`,
  ].join(' ');
}
