import * as fs from 'fs';
import * as path from 'path';

/** The fields of this package's package.json the CLI reads. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly peerDependencies: Readonly<Record<string, string>>;
}

const PACKAGE_NAME = 'kubevirt-constructs';

/**
 * This package's own package.json, found by walking up from this file: it sits two folders up
 * from `src/cli` (ts-node, jest) and three from `lib/src/cli` (the compiled CLI), and deeper still
 * when the package is installed in a user's node_modules, so search rather than assume a depth.
 */
export function packageInfo(from: string = __dirname): PackageInfo {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const json = JSON.parse(fs.readFileSync(candidate, 'utf8'));
      if (json.name === PACKAGE_NAME) {
        return {
          name: json.name,
          version: json.version,
          peerDependencies: json.peerDependencies ?? {},
        };
      }
    }
    if (path.dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}: no package.json named ${PACKAGE_NAME} above ${from}; reinstall the package`);
  }
}
