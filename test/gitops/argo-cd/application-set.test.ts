// ArgoCdApplicationSet: the object Argo CD v3.5.1 reads, checked against the vendored
// ApplicationSet CRD, and the templates rendered per element so a bad parameter, name or path
// is refused before it reaches the ApplicationSet controller.
import { Chart, Duration, Testing } from 'cdk8s';
import { ApplicationSetGenerator, ArgoCdApplicationSet, ArgoCdApplicationSetProps } from '../../../src';
import { SchemaSource } from '../../../src/validation/schema-store';
import { formatManifestIssue, validateManifests } from '../../../src/validation/validate-manifests';
import { validateObjects } from '../../../src/validation/validate-objects';

const REPO = 'https://git.example.com/fleet.git';
const TEMPLATE = { name: '{{.name}}-virtualization', repoURL: REPO, path: 'clusters/{{.name}}/argocd' };
const UNKNOWN_FIELD = 'unknown field (not in the schema: misspelled or misplaced?)';

function clusters(): ApplicationSetGenerator {
  return ApplicationSetGenerator.list([{ name: 'prod', server: 'https://prod.example.com:6443' }, { name: 'edge', server: 'https://edge.example.com:6443' }]);
}

function directories(): ApplicationSetGenerator {
  return ApplicationSetGenerator.gitDirectories({ repoURL: REPO, revision: 'main', directories: [{ path: 'clusters/*' }, { path: 'clusters/retired', exclude: true }] });
}

function synth(props: ArgoCdApplicationSetProps): any[] {
  const chart = new Chart(Testing.app(), 'c');
  new ArgoCdApplicationSet(chart, 'fleet', props);
  return Testing.synth(chart);
}

function errorOf(props: unknown): string {
  const chart = new Chart(Testing.app(), 'c');
  try {
    new ArgoCdApplicationSet(chart, 'fleet', props as ArgoCdApplicationSetProps);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('ArgoCdApplicationSet output', () => {
  test('a list generator with the defaults: Go templates with missingkey=error, resources kept on deletion, no finalizer', () => {
    const objects = synth({ name: 'fleet', generator: clusters(), template: TEMPLATE });
    expect(objects).toEqual([{
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: 'fleet', namespace: 'argocd' },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{
          list: { elements: [{ name: 'prod', server: 'https://prod.example.com:6443' }, { name: 'edge', server: 'https://edge.example.com:6443' }] },
        }],
        syncPolicy: { preserveResourcesOnDeletion: true },
        template: {
          metadata: { name: '{{.name}}-virtualization' },
          spec: {
            project: 'default',
            source: { repoURL: REPO, targetRevision: 'HEAD', path: 'clusters/{{.name}}/argocd' },
            destination: { server: 'https://kubernetes.default.svc' },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              retry: { limit: 10, backoff: { duration: '15s', factor: 2, maxDuration: '300s' } },
            },
          },
        },
      },
    }]);
    expect(validateObjects(objects)).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  test('a Git directory generator with fasttemplate, a cluster by name and every template option', () => {
    const objects = synth({
      name: 'fleet-dirs',
      namespace: 'gitops',
      project: 'virtualization',
      goTemplate: false,
      preserveResourcesOnDeletion: false,
      generator: directories(),
      template: {
        name: '{{path.basename}}-virtualization',
        repoURL: REPO,
        targetRevision: 'v2',
        path: '{{path}}/argocd',
        destination: { name: '{{path.basename}}', namespace: 'vms' },
        automated: false,
        retry: { limit: 3, backoff: Duration.seconds(5), factor: 3, maxBackoff: Duration.minutes(1) },
        syncOptions: ['CreateNamespace=true'],
      },
    });
    expect(objects[0].metadata).toEqual({ name: 'fleet-dirs', namespace: 'gitops' });
    expect(objects[0].spec).toEqual({
      generators: [{ git: { repoURL: REPO, revision: 'main', directories: [{ path: 'clusters/*' }, { path: 'clusters/retired', exclude: true }] } }],
      syncPolicy: { preserveResourcesOnDeletion: false },
      template: {
        metadata: { name: '{{path.basename}}-virtualization' },
        spec: {
          project: 'virtualization',
          source: { repoURL: REPO, targetRevision: 'v2', path: '{{path}}/argocd' },
          destination: { name: '{{path.basename}}', namespace: 'vms' },
          syncPolicy: { retry: { limit: 3, backoff: { duration: '5s', factor: 3, maxDuration: '60s' } }, syncOptions: ['CreateNamespace=true'] },
        },
      },
    });
    expect(validateObjects(objects)).toMatchObject({ valid: true, errors: [] });
  });

  test('goTemplateOptions replace the default; a template destination server per cluster', () => {
    const objects = synth({
      name: 'fleet',
      generator: clusters(),
      goTemplateOptions: [],
      template: { ...TEMPLATE, destination: { server: '{{.server}}' } },
    });
    expect(objects[0].spec.goTemplateOptions).toBeUndefined();
    expect(objects[0].spec.template.spec.destination).toEqual({ server: '{{.server}}' });
  });

  test('the public fields say which template engine and deletion behaviour were chosen', () => {
    const chart = Testing.chart();
    const fleet = new ArgoCdApplicationSet(chart, 'fleet', { name: 'fleet', generator: clusters(), template: TEMPLATE });
    const kept = new ArgoCdApplicationSet(chart, 'other', { name: 'other', generator: clusters(), goTemplate: false, preserveResourcesOnDeletion: false, template: { ...TEMPLATE, name: '{{name}}-other', path: '{{name}}' } });
    expect([fleet.goTemplate, fleet.preserveResourcesOnDeletion, fleet.kind, fleet.name]).toEqual([true, true, 'ApplicationSet', 'fleet']);
    expect([kept.goTemplate, kept.preserveResourcesOnDeletion]).toEqual([false, false]);
  });

  test('Go template functions are written as given and only the fields they read are checked', () => {
    const objects = synth({ name: 'fleet', generator: clusters(), template: { ...TEMPLATE, name: '{{ .name | normalize }}-vms', path: '{{ range .x }}{{ .y }}{{ end }}' } });
    expect(objects[0].spec.template.metadata.name).toBe('{{ .name | normalize }}-vms');
    expect(objects[0].spec.template.spec.source.path).toBe('{{ range .x }}{{ .y }}{{ end }}');
  });

  test('an app validates it on synth like every other object', () => {
    const app = Testing.app();
    new ArgoCdApplicationSet(new Chart(app, 'fleet'), 'fleet', { name: 'fleet', generator: clusters(), template: TEMPLATE });
    expect(() => app.synth()).not.toThrow();
  });
});

describe('the ApplicationSet CRD (argo-cd v3.5.1) checks the output', () => {
  const written = (): any => synth({ name: 'fleet', generator: clusters(), template: TEMPLATE })[0];

  test('ApplicationSet objects are checked by their CRD', () => {
    const bySource = validateManifests([written()]).checkedBySource;
    expect(bySource).toEqual({ [SchemaSource.KUBERNETES]: 0, [SchemaSource.STRICT_JSON]: 0, [SchemaSource.CRD]: 1 });
  });

  test('a misspelled field in the template, a wrong type and a missing required field are reported', () => {
    const misspelled = written();
    misspelled.spec.template.spec.syncPolicy.automated.selfheal = true;
    const wrongType = written();
    wrongType.spec.syncPolicy.preserveResourcesOnDeletion = 'true';
    const noTemplate = written();
    delete noTemplate.spec.template;
    expect(validateManifests([misspelled, wrongType, noTemplate]).issues.map(formatManifestIssue)).toEqual([
      `ApplicationSet argocd/fleet (#0) spec.template.spec.syncPolicy.automated.selfheal: ${UNKNOWN_FIELD}`,
      'ApplicationSet argocd/fleet (#1) spec.syncPolicy.preserveResourcesOnDeletion: must be boolean',
      'ApplicationSet argocd/fleet (#2) spec.template: required field is missing',
    ]);
    expect(validateObjects([misspelled]).valid).toBe(false);
  });
});

describe('ArgoCdApplicationSet refuses', () => {
  test.each<[string, unknown, string]>([
    ['props that are not an object', null, '[c/fleet] props null must be an object of ArgoCdApplicationSetProps, e.g. { name: "fleet", generator: ApplicationSetGenerator.list([{ name: "prod" }]), template: { name: "{{.name}}-virtualization", repoURL: "https://git.example.com/fleet.git", path: "clusters/{{.name}}/argocd" } }'],
    ['a name that is not a DNS subdomain', { name: 'Fleet', generator: clusters(), template: TEMPLATE },
      '[c/fleet] name "Fleet" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "fleet")'],
    ['a namespace that is not a DNS label', { name: 'fleet', namespace: 'Argo', generator: clusters(), template: TEMPLATE },
      '[c/fleet] namespace "Argo" is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "argo")'],
    ['a project that is not an object name', { name: 'fleet', project: 'My Project', generator: clusters(), template: TEMPLATE },
      '[c/fleet] project "My Project" is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "my-project")'],
    ['a generator not made by the factories', { name: 'fleet', generator: { list: { elements: [{ name: 'prod' }] } }, template: TEMPLATE },
      '[c/fleet] generator {"list":{"elements":[{"name":"prod"}]}} must be made by ApplicationSetGenerator.list([...]) or ApplicationSetGenerator.gitDirectories({...})'],
    ['a template that is not an object', { name: 'fleet', generator: clusters(), template: 'fleet' },
      '[c/fleet] template "fleet" must be an object, e.g. { name: "{{.name}}-virtualization", repoURL: "https://git.example.com/fleet.git", path: "clusters/{{.name}}/argocd" }'],
    ['goTemplateOptions without Go templates', { name: 'fleet', generator: clusters(), goTemplate: false, goTemplateOptions: ['missingkey=error'], template: { ...TEMPLATE, name: '{{name}}', path: '{{name}}' } },
      '[c/fleet] goTemplateOptions ["missingkey=error"] apply to Go templates only: leave them out, or set goTemplate: true'],
    ['a goTemplateOption Go does not know', { name: 'fleet', generator: clusters(), goTemplateOptions: ['missingkey=strict'], template: TEMPLATE },
      '[c/fleet] goTemplateOptions ["missingkey=strict"] may hold only "missingkey=default", "missingkey=invalid", "missingkey=zero", "missingkey=error" (Go\'s text/template options; upstream recommends "missingkey=error")'],
    ['a sync option that is not Key=value', { name: 'fleet', generator: clusters(), template: { ...TEMPLATE, syncOptions: ['CreateNamespace'] } },
      '[c/fleet] template.syncOptions[0] "CreateNamespace" must be Key=value sync options, e.g. ["CreateNamespace=true"]'],
    ['a bad retry limit', { name: 'fleet', generator: clusters(), template: { ...TEMPLATE, retry: { limit: 0 } } },
      '[c/fleet] template.retry.limit 0 must be a whole number of at least 1'],
    ['a destination with both server and name', { name: 'fleet', generator: clusters(), template: { ...TEMPLATE, destination: { server: '{{.server}}', name: '{{.name}}' } } },
      '[c/fleet] template.destination has both server "{{.server}}" and name "{{.name}}": Argo CD refuses an Application with both; keep name (a cluster registered in Argo CD) or server (its API URL)'],
  ])('%s', (_label, props, message) => {
    expect(errorOf(props)).toBe(message);
  });
});

describe('ApplicationSetGenerator refuses (reported by the construct with its path)', () => {
  const withGenerator = (generator: () => ApplicationSetGenerator) => errorOf({ name: 'fleet', generator: generator(), template: TEMPLATE });

  test.each<[string, () => ApplicationSetGenerator, string]>([
    ['an empty list', () => ApplicationSetGenerator.list([]),
      'ApplicationSetGenerator.list: elements [] must list one element per Application (an empty list makes none), e.g. [{ name: "prod", server: "https://prod.example.com:6443" }]'],
    ['an element that is not an object', () => ApplicationSetGenerator.list(['prod' as any]),
      'ApplicationSetGenerator.list: elements[0] "prod" must be an object of parameters, e.g. { name: "prod" }'],
    ['a parameter that is not a string', () => ApplicationSetGenerator.list([{ name: 'prod', port: 6443 as any }]),
      'ApplicationSetGenerator.list: elements[0].port 6443 must be a string (template parameters are strings)'],
    ['the key "values"', () => ApplicationSetGenerator.list([{ name: 'prod', values: 'x' }]),
      'ApplicationSetGenerator.list: elements[0] has a key "values", which Argo CD\'s list generator reads as a map of extra parameters: rename it'],
    ['options that are not an object', () => ApplicationSetGenerator.gitDirectories(null as any),
      'ApplicationSetGenerator.gitDirectories: options null must be an object, e.g. ApplicationSetGenerator.gitDirectories({ repoURL: "https://git.example.com/fleet.git", directories: [{ path: "clusters/*" }] })'],
    ['a repository that is not a Git URL', () => ApplicationSetGenerator.gitDirectories({ repoURL: 'fleet', directories: [{ path: 'clusters/*' }] }),
      'ApplicationSetGenerator.gitDirectories: repoURL "fleet" is not a Git repository URL: give https://host/org/repo.git or git@host:org/repo.git'],
    ['a revision with a space', () => ApplicationSetGenerator.gitDirectories({ repoURL: REPO, revision: 'my branch', directories: [{ path: 'clusters/*' }] }),
      'ApplicationSetGenerator.gitDirectories: revision "my branch" must be a branch, tag or commit (e.g. "main")'],
    ['no directories', () => ApplicationSetGenerator.gitDirectories({ repoURL: REPO, directories: [] }),
      'ApplicationSetGenerator.gitDirectories: directories [] must list at least one directory, e.g. [{ path: "clusters/*" }]'],
    ['a path with "./", which never matches', () => ApplicationSetGenerator.gitDirectories({ repoURL: REPO, directories: [{ path: './clusters/*' }] }),
      'ApplicationSetGenerator.gitDirectories: directories[0].path "./clusters/*" never matches: Argo CD compares it with paths like "clusters/prod"; write "clusters/*"'],
    ['a path outside the repository', () => ApplicationSetGenerator.gitDirectories({ repoURL: REPO, directories: [{ path: '../clusters/*' }] }),
      'ApplicationSetGenerator.gitDirectories: directories[0].path "../clusters/*" must be a folder inside the repository, relative to its root (e.g. "dist" or "clusters/prod"), without ".." or a leading "/"'],
    ['exclusions only', () => ApplicationSetGenerator.gitDirectories({ repoURL: REPO, directories: [{ path: 'clusters/retired', exclude: true }] }),
      'ApplicationSetGenerator.gitDirectories: directories [{"path":"clusters/retired","exclude":true}] only exclude: add a directory to include, e.g. { path: "clusters/*" }'],
  ])('%s', (_label, generator, message) => {
    expect(withGenerator(generator)).toBe(`[c/fleet] generator: ${message}`);
  });
});

describe('templates are rendered for every element (or a stand-in Git directory) and refused when Argo CD would fail or misname', () => {
  const go = (template: object, generator: ApplicationSetGenerator = clusters()) => errorOf({ name: 'fleet', generator, template: { ...TEMPLATE, ...template } });
  const fast = (template: object, generator: ApplicationSetGenerator = clusters()) => errorOf({ name: 'fleet', generator, goTemplate: false, template: { ...TEMPLATE, path: '{{name}}', ...template } });

  test.each<[string, () => string, string]>([
    ['a parameter no element has', () => go({ name: '{{.nmae}}-vms' }),
      'template.name "{{.nmae}}-vms": list element 0 has no .nmae (its parameters: .name, .server), so {{.nmae}} fails with missingkey=error and renders "<no value>" without it: use one of them, or give every list element "nmae"'],
    ['a parameter one element lacks', () => go({}, ApplicationSetGenerator.list([{ name: 'prod' }, { cluster: 'edge' }])),
      'template.name "{{.name}}-virtualization": list element 1 has no .name (its parameters: .cluster), so {{.name}} fails with missingkey=error and renders "<no value>" without it: use one of them, or give every list element "name"'],
    ['a missing parameter inside a function call', () => go({ name: '{{ .nme | normalize }}-vms' }),
      'template.name "{{ .nme | normalize }}-vms": list element 0 has no .nme (its parameters: .name, .server), so {{ .nme | normalize }} fails with missingkey=error and renders "<no value>" without it: use one of them, or give every list element "nme"'],
    ['fasttemplate syntax in a Go template', () => go({ name: '{{name}}-vms' }),
      'template.name "{{name}}-vms": {{name}} is fasttemplate syntax, which a Go template reads as a function call: with goTemplate: true write {{.name}}'],
    ['Go syntax without goTemplate', () => fast({ name: '{{.name}}-vms' }),
      'template.name "{{.name}}-vms": {{.name}} is not a parameter of list element 0 (its parameters: name, server); that is Go template syntax: set goTemplate: true, or write {{name}}'],
    ['a name that renders to no DNS subdomain', () => go({}, ApplicationSetGenerator.list([{ name: 'Prod' }])),
      'template.name "{{.name}}-virtualization" renders "Prod-virtualization" for list element 0, which is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "prod-virtualization")'],
    ['one name for every element', () => go({ name: 'fleet-root' }),
      'template.name "fleet-root" renders "fleet-root" for both list element 0 and list element 1: Argo CD refuses two Applications of one name in an ApplicationSet; put a parameter that differs between them in the name, e.g. "{{.name}}-virtualization"'],
    ['two elements with the same parameter', () => fast({ name: '{{name}}' }, ApplicationSetGenerator.list([{ name: 'prod' }, { name: 'prod' }])),
      'template.name "{{name}}" renders "prod" for both list element 0 and list element 1: Argo CD refuses two Applications of one name in an ApplicationSet; put a parameter that differs between them in the name, e.g. "{{name}}-virtualization"'],
    ['a path that renders absolute', () => go({ path: '/{{.name}}' }),
      'template.path "/{{.name}}" renders "/prod" for list element 0, which must be a folder inside the repository, relative to its root (e.g. "dist" or "clusters/prod"), without ".." or a leading "/"'],
    ['a literal path outside the repository', () => go({ path: '../x' }),
      'template.path "../x" must be a folder inside the repository, relative to its root (e.g. "dist" or "clusters/prod"), without ".." or a leading "/"'],
    ['a repository that renders to no Git URL', () => go({ repoURL: '{{.repo}}' }, ApplicationSetGenerator.list([{ name: 'prod', repo: 'fleet' }])),
      'template.repoURL "{{.repo}}" renders "fleet" for list element 0, which is not a Git repository URL: give https://host/org/repo.git or git@host:org/repo.git'],
    ['a server that renders to no URL', () => go({ destination: { server: '{{.server}}' } }, ApplicationSetGenerator.list([{ name: 'prod', server: 'prod:6443' }])),
      'template.destination.server "{{.server}}" renders "prod:6443" for list element 0, which is not an API server URL: give https://host:6443, or use destination.name for a cluster registered in Argo CD'],
    ['a destination namespace that renders to no DNS label', () => go({ destination: { namespace: '{{.name}}_vms' } }),
      'template.destination.namespace "{{.name}}_vms" renders "prod_vms" for list element 0, which is not a valid DNS-1123 label: use at most 63 lowercase letters, digits and \'-\', starting and ending with a letter or digit (e.g. "prod-vms")'],
    ['a parameter in targetRevision no element has', () => go({ targetRevision: '{{.branch}}' }),
      'template.targetRevision "{{.branch}}": list element 0 has no .branch (its parameters: .name, .server), so {{.branch}} fails with missingkey=error and renders "<no value>" without it: use one of them, or give every list element "branch"'],
    ['a name that is not a string', () => go({ name: 5 }), 'template.name 5 must be a string'],
  ])('%s', (_label, error, message) => {
    expect(error()).toBe(`[c/fleet] ${message}`);
  });

  test.each<[string, () => string, string]>([
    ['fasttemplate {{path}} (a path with "/") as a name', () => fast({ name: '{{path}}', path: '{{path}}' }, directories()),
      'template.name "{{path}}" renders "clusters/example" for a directory matching "clusters/*" (e.g. "clusters/example"), which is not a valid DNS-1123 subdomain: use at most 253 lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit (e.g. "clusters-example")'],
    ['Go {{.path}}, which is an object', () => go({ name: '{{.path}}', path: '{{.path.path}}' }, directories()),
      'template.name "{{.path}}": {{.path}} is not a string for a directory matching "clusters/*" (e.g. "clusters/example") but {"path":"clusters/example","basename":"example","basenameNormalized":"example","segments":["clusters","example"]}: use one of .path.path, .path.basename, .path.basenameNormalized, .path.segments'],
    ['fasttemplate {{path[1]}} in a Go template', () => go({ name: '{{path[1]}}', path: '{{.path.path}}' }, directories()),
      'template.name "{{path[1]}}": {{path[1]}} is fasttemplate syntax, which a Go template reads as a function call: with goTemplate: true write {{index .path.segments 1}}'],
    ['fasttemplate {{path}} in a Go template', () => go({ name: '{{.path.basename}}', path: '{{path}}' }, directories()),
      'template.path "{{path}}": {{path}} is fasttemplate syntax, which a Go template reads as a function call: with goTemplate: true write {{.path.path}}'],
    ['a Git parameter that does not exist', () => go({ name: '{{.path.bsename}}', path: '{{.path.path}}' }, directories()),
      'template.name "{{.path.bsename}}": a directory matching "clusters/*" (e.g. "clusters/example") has no .path.bsename (its parameters: .path.path, .path.basename, .path.basenameNormalized, .path.segments), so {{.path.bsename}} fails with missingkey=error and renders "<no value>" without it: use one of them'],
  ])('Git directories: %s', (_label, error, message) => {
    expect(error()).toBe(`[c/fleet] ${message}`);
  });

  test('the Git parameters Argo CD gives are accepted, in both template engines', () => {
    const goSet = synth({ name: 'fleet', generator: directories(), template: { name: '{{.path.basenameNormalized}}', repoURL: REPO, path: '{{.path.path}}/{{index .path.segments 1}}' } });
    const fastSet = synth({ name: 'fleet', generator: directories(), goTemplate: false, template: { name: '{{path.basename}}-{{path[0]}}', repoURL: REPO, path: '{{path}}' } });
    expect([goSet[0].spec.template.metadata.name, fastSet[0].spec.template.metadata.name]).toEqual(['{{.path.basenameNormalized}}', '{{path.basename}}-{{path[0]}}']);
  });
});

describe('a refused ApplicationSet leaves its id free and nothing behind', () => {
  test('the corrected one takes the id and the output is as if the refused one never was', () => {
    const refused = Testing.chart();
    expect(() => new ArgoCdApplicationSet(refused, 'fleet', { name: 'fleet', generator: clusters(), template: { ...TEMPLATE, name: 'fleet-root' } })).toThrow(/duplicate|two Applications of one name/);
    new ArgoCdApplicationSet(refused, 'fleet', { name: 'fleet', generator: clusters(), template: TEMPLATE });
    const clean = Testing.chart();
    new ArgoCdApplicationSet(clean, 'fleet', { name: 'fleet', generator: clusters(), template: TEMPLATE });
    expect(Testing.synth(refused)).toEqual(Testing.synth(clean));
  });
});
