import { JsonFile, javascript, typescript } from 'projen';

// Versions are pinned where a newer major breaks the toolchain: ts-jest 29 supports
// TypeScript < 7, and cdk8s-plus-32 matches the Kubernetes 1.32 schemas in schemas/k8s.
const project = new typescript.TypeScriptProject({
  name: 'kubevirt-constructs',
  description: 'Infrastructure-as-code constructs for KubeVirt and OpenShift Virtualization virtual machines (cdk8s and Pulumi).',
  keywords: ['cdk8s', 'kubevirt', 'openshift-virtualization', 'pulumi', 'virtual-machines', 'kubernetes'],
  license: 'Apache-2.0',
  // Placeholder until the project has its public home; README links and `npm repo` use it.
  repository: 'https://github.com/kubevirt-constructs/kubevirt-constructs',
  homepage: 'https://github.com/kubevirt-constructs/kubevirt-constructs#readme',
  bugsUrl: 'https://github.com/kubevirt-constructs/kubevirt-constructs/issues',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.0.0',
  typescriptVersion: '~5.9.3',

  // No hosted CI or release automation: CI is `.ci/run` on a clean clone.
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,
  artifactsDirectory: 'artifacts',
  // What goes into the package is the `files` list below: a list of what to keep cannot
  // leak a new folder the way a list of what to leave out can.
  npmignoreEnabled: false,

  // imports/ holds the generated L1 classes; it is compiled beside src/.
  entrypoint: 'lib/src/index.js',
  entrypointTypes: 'lib/src/index.d.ts',
  tsconfig: {
    compilerOptions: {
      rootDir: '.',
      lib: ['es2022'],
      target: 'ES2022',
      // Inline source maps carrying the sources tripled lib/ (imports/ alone: 13 MB); the
      // compiled ES2022 reads close to the source, and jest and ts-node map their own.
      inlineSourceMap: false,
      inlineSources: false,
    },
    include: ['src/**/*.ts', 'imports/**/*.ts'],
  },

  // The CLI (validate, explain, graph, disk ...) is the compiled src/cli/main.ts.
  bin: { 'kubevirt-constructs': 'lib/src/cli/main.js' },

  peerDeps: [
    'cdk8s@^2.70.106',
    'constructs@^10.8.1',
    'cdk8s-plus-32@^2.5.92',
    '@pulumi/pulumi@^3.200.0',
    '@pulumi/kubernetes@^4.34.2',
  ],
  // js-yaml reads manifests as kubectl does (fast, lenient on quoted-scalar indentation); yaml
  // writes and checks cloud-config documents.
  deps: ['ajv@^8.17.0', 'js-yaml@^4.1.0', 'yaml@^2.6.0'],
  devDeps: [
    // A real Lua VM: the Argo CD health scripts are run against status samples in jest.
    'wasmoon@^1.16.0',
    // A CEL evaluator: the Flux healthCheckExprs are evaluated against the same samples.
    '@bufbuild/cel@0.6.1',
    '@bufbuild/protobuf@^2.6.2',
    '@types/js-yaml@^4.0.9',
    'cdk8s-cli@^2.200.0',
    'ts-node@^10.9.2',
    'tsconfig-paths@^4.2.0',
    'fast-check@^4.0.0',
    // ts-jest requires jest-util at top level; npm does not hoist it on its own here.
    'jest-util@^29',
    // The API reference in docs/api (`npx projen docs:api`), Markdown so that it diffs well.
    'typedoc@^0.28.20',
    'typedoc-plugin-markdown@^4.14.1',
  ],

  // test/tsconfig.json is the one type-check of everything (src, imports, test, examples, scripts,
  // bench): `tsc --build test/tsconfig.json` in `npm test`. node16 resolution reads packages'
  // `exports` as Node does (fast-check's types name pure-rand by an exports-only subpath).
  tsconfigDev: {
    include: ['../src/**/*.ts', '../imports/**/*.ts', '../examples/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts'],
    compilerOptions: {
      module: 'node16',
      moduleResolution: javascript.TypeScriptModuleResolution.NODE16,
      incremental: true,
      tsBuildInfoFile: '../node_modules/.cache/kubevirt-constructs/typecheck.tsbuildinfo',
    },
  },
  // jest only transpiles, one file at a time: the type-check above is the one that checks types.
  tsJestOptions: {
    transformOptions: { tsconfig: typescript.TsJestTsconfig.custom({ isolatedModules: true }) },
  },
  jestOptions: {
    jestVersion: '^29',
    // `npm test` must fail on a changed snapshot, never rewrite it.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // Every temporary folder of a run in one, removed at the end (test/temp-root.ts).
      globalSetup: '<rootDir>/test/temp-root-setup.ts',
      globalTeardown: '<rootDir>/test/temp-root-teardown.ts',
      moduleNameMapper: {
        '^kubevirt-constructs$': '<rootDir>/src/index.ts',
        '^kubevirt-constructs/(.*)$': '<rootDir>/src/$1',
      },
      // Coverage made jest about half as slow again; `npx jest --coverage` when you want it.
      collectCoverage: false,
      // A worker per CPU (jest's default leaves one free): the bench and CLI tests mostly wait for their child
      // processes, and on 2 CPUs one worker left the other CPU idle (examples + bench tests, cold: 78 s -> 50 s).
      maxWorkers: '100%',
      coveragePathIgnorePatterns: ['/node_modules/', '/imports/'],
      // pulumi-plugin/package.json names the same package; jest must see only the real one.
      modulePathIgnorePatterns: ['<rootDir>/pulumi-plugin/package.json'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'bench'],
    ignorePatterns: ['imports/', 'lib/', 'dist/', 'node_modules/', 'coverage/'],
  },
});

// Pulumi is only needed by `kubevirt-constructs/pulumi`; cdk8s-only users skip it.
project.package.addField('peerDependenciesMeta', {
  '@pulumi/pulumi': { optional: true },
  '@pulumi/kubernetes': { optional: true },
});
project.package.addField('exports', {
  '.': { types: './lib/src/index.d.ts', default: './lib/src/index.js' },
  './pulumi': { types: './lib/src/pulumi/index.d.ts', default: './lib/src/pulumi/index.js' },
  './package.json': './package.json',
});
// moduleResolution node (node10, cdk8s-cli's template) ignores `exports`: it finds the
// subpath's types here (the main entry's through `types`).
project.package.addField('typesVersions', {
  '*': { pulumi: ['lib/src/pulumi/index.d.ts'] },
});
// A version users can pin; CHANGELOG.md says what each one holds. With `release: false`
// projen would write 0.0.0: bump both by hand when releasing.
project.package.addVersion('0.1.0');
// The package: compiled JS and declarations (src/ and the generated imports/), the schemas
// validateManifests() reads at run time, and the multi-language Pulumi plugin folder.
// npm adds package.json, README.md and LICENSE itself; `npm run smoke` checks the list.
project.package.addField('files', [
  'lib/**/*.js',
  'lib/**/*.d.ts',
  'lib/src/validation/code-cache/',
  'schemas/',
  'pulumi-plugin/',
  'CHANGELOG.md',
]);
// `npm pack` and `npm publish` compile a fresh lib/ first (a file whose source is gone must
// not ship).
project.addTask('prepack', {
  description: 'Compile a fresh lib/ (run by npm before `npm pack` and `npm publish`)',
  steps: [{ exec: 'rm -rf lib' }, { spawn: 'compile' }],
});
// Release manifests users download next to an example (examples/kubevirt-upstream) are not ours to commit.
project.gitignore.addPatterns('/artifacts/', '/tmp/', '/examples/*/dist/', '/examples/*/manifests/');

// examples/ import 'kubevirt-constructs' exactly as a user's program does; inside this
// repository the name resolves to src/ (jest's moduleNameMapper, tsconfig paths below).
const examplePaths = {
  'kubevirt-constructs': ['src/index.ts'],
  'kubevirt-constructs/*': ['src/*'],
};
for (const file of ['test/tsconfig.json', 'projenrc/tsconfig.json']) {
  project.tryFindObjectFile(file)?.addOverride('compilerOptions.baseUrl', '..');
  project.tryFindObjectFile(file)?.addOverride('compilerOptions.paths', examplePaths);
}
// eslint's import resolver must see the same mapping, or it flags the examples' imports.
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript.project',
  ['./tsconfig.json', './test/tsconfig.json', './examples/tsconfig.json']);
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript.noWarnOnMultipleProjects', true);
new JsonFile(project, 'examples/tsconfig.json', {
  obj: {
    'extends': '../tsconfig.json',
    'compilerOptions': {
      noEmit: true,
      rootDir: '..',
      baseUrl: '..',
      paths: examplePaths,
    },
    'include': ['**/*.ts'],
    // `cdk8s synth` runs the examples with ts-node: transpiling is enough, `npm test` type-checks them.
    'ts-node': { transpileOnly: true },
  },
  marker: true,
  allowComments: true,
});
// For editors and ts-node (`npm run synth`, `npm run import`, `npm run bench`); test/tsconfig.json type-checks them.
for (const folder of ['scripts', 'bench']) {
  new JsonFile(project, `${folder}/tsconfig.json`, {
    obj: {
      'extends': '../tsconfig.json',
      'compilerOptions': { noEmit: true, rootDir: '..' },
      'include': ['**/*.ts'],
      'ts-node': { transpileOnly: true },
    },
    marker: true,
    allowComments: true,
  });
}

project.addTask('import', {
  description: 'Regenerate imports/ from the vendored CRDs in schemas/crds (cdk8s import, one call per API group)',
  exec: 'ts-node --project scripts/tsconfig.json scripts/import-schemas.ts',
});
// The KubeVirt, CDI and HyperConverged schemas from the upstream sources at the release tags the script
// names, read from local git mirrors ($KUBEVIRT_CONSTRUCTS_MIRRORS); run `import` after it.
project.addTask('schemas:upstream', {
  description: 'Regenerate schemas/json and the KubeVirt/CDI/HCO CRDs in schemas/crds from the upstream release tags (scripts/schemas-from-upstream.ts)',
  exec: 'ts-node --project scripts/tsconfig.json scripts/schemas-from-upstream.ts',
  receiveArgs: true,
});
// The schema validators as Ajv standalone code in lib/src/validation/precompiled/, generated after tsc in
// `compile` (so `npm run build` and `npm pack`'s prepack have them): a synth loads them instead of
// compiling the schemas at run time. Generated, never committed (~13 MB).
project.compileTask.spawn(project.addTask('compile:validators', {
  description: 'Generate the precompiled schema validators into lib/ (scripts/precompile-validators.ts; run after tsc)',
  exec: 'ts-node --project scripts/tsconfig.json scripts/precompile-validators.ts',
}));
// V8 code caches of the modules validation loads on first use (rules, checks, the validators above), in
// lib/src/validation/code-cache/: a process on the Node that built the package deserializes their compiled
// code instead of compiling about 2 MB of JavaScript on its first validation (src/validation/code-cache.ts).
project.compileTask.spawn(project.addTask('compile:code-cache', {
  description: 'Make the V8 code caches of the validation modules in lib/ (scripts/build-code-cache.ts; run after compile:validators)',
  exec: 'ts-node --project scripts/tsconfig.json scripts/build-code-cache.ts',
}));
project.addTask('synth', {
  description: 'Synthesize every program under examples/ into dist/<example>/ with `cdk8s synth`',
  exec: 'ts-node --project scripts/tsconfig.json scripts/synth-examples.ts',
});
project.addTask('docs', {
  description: "Rewrite README.md's generated tables (validation rules, live-migration reasons) from the registries",
  exec: 'ts-node --project scripts/tsconfig.json scripts/readme-tables.ts',
});
// The API reference, from the TSDoc of the two entry points. Nothing in it changes between
// runs of the same source (no dates, versions or source links to a commit), so CI can
// regenerate it and fail on a difference. Type errors are `npm test`'s job, not typedoc's.
new JsonFile(project, 'typedoc.json', {
  obj: {
    name: 'kubevirt-constructs',
    entryPoints: ['src/index.ts', 'src/pulumi/index.ts'],
    tsconfig: 'tsconfig.json',
    out: 'docs/api',
    plugin: ['typedoc-plugin-markdown'],
    readme: 'none',
    disableSources: true,
    excludeInternal: true,
    excludePrivate: true,
    skipErrorChecking: true,
    cleanOutputDir: true,
  },
  marker: false,
});
project.addTask('docs:api', {
  description: 'Regenerate the API reference in docs/api/ from the TSDoc (typedoc, Markdown)',
  exec: 'typedoc',
});
project.gitattributes.addAttributes('/docs/api/**', 'linguist-generated');

project.addTask('cli', {
  description: 'Run the kubevirt-constructs CLI from source, e.g. `npm run cli -- validate dist/`',
  exec: 'ts-node --transpile-only src/cli/main.ts',
  receiveArgs: true,
});
const bench = project.addTask('bench', {
  description: 'Measure synth, fleets, validation and Pulumi registration at 100/1,000/10,000 VMs on the compiled package; print tables, write bench/results.json (never part of `npm test`)',
});
// The bench measures what users install: the compiled package with its precompiled validators.
bench.spawn(project.compileTask);
bench.exec('ts-node --transpile-only bench/run.ts');

// src: no import cycles (a lower folder never imports a higher one), and no function over 60 lines,
// counted as the project counts them (every line, blank and comment lines too).
project.eslint!.addOverride({
  files: ['src/**/*.ts'],
  rules: {
    'import/no-cycle': 'error',
    'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false, IIFEs: true }],
  },
});

// CI checks, developers fix: `npm test` lints without --fix (a silent rewrite would pass CI), `npm run lint:fix` fixes.
const eslintTask = project.eslint!.eslintTask;
const lint = project.addTask('lint', {
  description: 'Runs eslint without --fix (part of `npm test`)',
  env: { ...eslintTask.envVars },
  steps: [{
    execArgs: ['eslint', '--ext', '.ts,.tsx', '--no-error-on-unmatched-pattern', '$@', 'src', 'test', 'examples', 'scripts', 'bench', 'projenrc', '.projenrc.ts'],
    receiveArgs: true,
  }],
});
project.addTask('lint:fix', { description: 'Runs eslint with --fix', steps: [{ spawn: eslintTask.name }] });

// `npm test`: one type-check of src, imports, test, examples, scripts and bench (incremental: a second run
// checks only what changed), jest transpiling only, then the lint.
project.testTask.reset('tsc --build test/tsconfig.json');
project.testTask.exec('jest --passWithNoTests --ci', { receiveArgs: true });
project.testTask.spawn(lint);

project.synth();
