#!/usr/bin/env bash
# The user's path, end to end, outside this repository: the packed library installed into an
# empty project from the tarball and the npm cache, README's recipe synthesized and validated,
# the project `kubevirt-constructs init` writes (when the package has `init`), a Pulumi program
# under mocks type-checked with moduleResolution node10 and node16, and both entry points
# type-checked with bundler and nodenext.
#   scripts/smoke/run.sh [kubevirt-constructs-<version>.tgz]   (packs this repository without one)
# Exits non-zero naming the step that failed, and keeps its temporary folder to look into.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
smoke="$repo/scripts/smoke"
work="$(mktemp -d "${TMPDIR:-/tmp}/kubevirt-constructs-smoke.XXXXXX")"
npm_install=(npm install --prefer-offline --no-audit --no-fund --loglevel=error)
# cdk8s-cli asks the registry for a newer version of itself on every run: not here.
synth=(npx cdk8s synth --check-upgrade false)

current="" step_started=$SECONDS
finish_step() { [ -z "$current" ] || printf -- '-- smoke: %s: %ss\n' "$current" $((SECONDS - step_started)); }
step() { finish_step; current="$*"; step_started=$SECONDS; printf '\n-- smoke: %s\n' "$current"; }
on_exit() {
  local rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "smoke test FAILED in step \"$current\" (exit $rc); its files are in $work" >&2
  else
    finish_step; rm -rf "$work"; echo "-- smoke: passed in ${SECONDS}s"
  fi
}
trap on_exit EXIT
# The exact version this repository's package-lock.json installs, so npm takes it from the cache.
locked() { node -e 'const [lock, name] = process.argv.slice(1); const v = require(lock).packages[`node_modules/${name}`]?.version; if (!v) { console.error(`package-lock.json has no ${name}`); process.exit(1); } console.log(`${name}@${v}`)' "$repo/package-lock.json" "$1"; }

tarball="${1:-}"
if [ -z "$tarball" ]; then
  step "npm pack (prepack compiles lib/)"
  (cd "$repo" && npm pack --pack-destination "$work" --json > "$work/pack.json")
  tarball="$work/$(node -p 'require(process.argv[1])[0].filename' "$work/pack.json")"
fi
tarball="$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")"

step "the package holds what users need and nothing of the repository's own"
tar tzvf "$tarball" > "$work/contents.txt"
awk '{ print $NF }' "$work/contents.txt" | sed 's|^package/||' > "$work/files.txt"
for file in package.json README.md CHANGELOG.md LICENSE lib/src/index.js lib/src/index.d.ts lib/src/pulumi/index.js lib/src/pulumi/index.d.ts \
  lib/src/cli/main.js lib/imports/kubevirt.io.js lib/imports/kubevirt.io.d.ts lib/src/validation/rules/ lib/src/validation/code-cache/ schemas/k8s/ schemas/json/ schemas/crds/; do
  grep -q "^$file" "$work/files.txt" || { echo "the package has no $file"; exit 1; }
done
# TypeScript sources, tests, bench, examples and build files stay in the repository
# (pulumi-plugin/index.ts is the multi-language plugin's entry point: Pulumi reads it as source).
if { grep -E '^(test|bench|src|imports|examples|scripts|docs|dist|coverage|projenrc|\.projen|\.ci)/|^tsconfig|\.tsbuildinfo$' "$work/files.txt" || true;
     grep -E '\.ts$' "$work/files.txt" | grep -vE '\.d\.ts$|^pulumi-plugin/index\.ts$' || true; } | grep .; then
  echo "the package holds the files above; keep them out with the 'files' list in .projenrc.ts"; exit 1
fi
echo "$(wc -l < "$work/files.txt") files, $(awk '{ s += $3 } END { printf "%.1f MB", s / 1e6 }' "$work/contents.txt") unpacked, $(du -k "$tarball" | cut -f1) kB packed"

step "README recipe: an empty project, npm install of the tarball, the peers and the tools"
app="$work/my-vms"
mkdir -p "$app"
(cd "$app" && npm init -y > /dev/null)
(cd "$repo" && npx ts-node --project scripts/tsconfig.json scripts/smoke/readme-recipe.ts README.md package-lock.json "$tarball" "$app")
# The Pulumi peers are optional: README's recipe leaves them out, the Pulumi program below needs them.
mapfile -t specs < "$app/install-specs.txt"
(cd "$app" && "${npm_install[@]}" "${specs[@]}" "$(locked @pulumi/pulumi)" "$(locked @pulumi/kubernetes)")

step "README recipe: npx cdk8s synth"
(cd "$app" && "${synth[@]}")
grep -l '^kind: VirtualMachine$' "$app"/dist/*.yaml > /dev/null || { echo "cdk8s synth wrote no VirtualMachine into $app/dist"; exit 1; }

step "README recipe: npx kubevirt-constructs validate dist"
(cd "$app" && npx kubevirt-constructs validate dist)

# A CLI without `init` answers `init --help` with its global help, which names no `init`.
if (cd "$app" && npx kubevirt-constructs init --help 2>&1 | grep -qw init); then
  step "init: npx kubevirt-constructs init, npm install, cdk8s synth, validate dist"
  (cd "$app" && npx kubevirt-constructs init "$work/init-app")
  # The scaffold asks for kubevirt-constructs at this version from the registry: take the tarball.
  (cd "$work/init-app" && npm pkg set "dependencies.kubevirt-constructs=file:$tarball" && "${npm_install[@]}")
  (cd "$work/init-app" && "${synth[@]}" && npx kubevirt-constructs validate dist)
else
  echo "-- smoke: this package has no 'kubevirt-constructs init' yet: its project is not checked"
fi

step "Pulumi program: tsc with moduleResolution node10 and node16 (lib check of the package's .d.ts)"
mkdir -p "$app/pulumi"
cp "$smoke"/app/* "$app/pulumi/"
cp "$app/pulumi/resolution.ts" "$app/pulumi/resolution.mts"
(cd "$app/pulumi" && npx tsc -p tsconfig.node10.json && npx tsc -p tsconfig.node16.json)

step "both entry points: tsc with moduleResolution bundler and nodenext"
(cd "$app/pulumi" && npx tsc -p tsconfig.bundler.json && npx tsc -p tsconfig.nodenext.json)

step "Pulumi program under mocks: ChartDeployment of a chart with one VM (ts-node, no Pulumi CLI)"
(cd "$app/pulumi" && npx ts-node --project tsconfig.node10.json pulumi-program.ts)
