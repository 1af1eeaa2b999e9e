import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ArgoCdDestination, ArgoCdRetry, destinationSpec, repoUrlProblem, repositoryPathProblem, syncPolicySpec } from './application';
import { FactoryValue, assertFactoryValue, assertPropsObject, constructError, show } from '../../common/errors';
import { dnsLabelProblem, dnsSubdomainProblem } from '../../common/names';
import { KubeResource } from '../../core/kube-resource';

// No `cdk8s import` L1 for ApplicationSet: its CRD (1.4 MB, every generator nested in matrix and
// merge generators) became 3.3 MB of TypeScript that slowed every build; the props type what is written.

/** A directory (glob) of the Git directory generator, included or excluded. */
export interface ApplicationSetGitDirectory {
  /** Path inside the repository, relative to its root; `*` matches one directory level (e.g. "clusters/*"). */
  readonly path: string;
  /** Leave out the directories this path matches (exclusions win over inclusions, whatever the order). @default false */
  readonly exclude?: boolean;
}

/** Options of `ApplicationSetGenerator.gitDirectories`. */
export interface ApplicationSetGitDirectoriesOptions {
  /** The Git repository whose directories are listed (URL as Argo CD knows it). */
  readonly repoURL: string;
  /** Branch, tag or commit. @default 'HEAD' */
  readonly revision?: string;
  /** One Application per directory that a `path` matches and no `exclude` entry matches. */
  readonly directories: ApplicationSetGitDirectory[];
}

type ParameterSource =
  | { readonly kind: 'list'; readonly elements: ReadonlyArray<Record<string, string>> }
  | { readonly kind: 'git'; readonly pattern: string; readonly sample: string };

/**
 * Where an ApplicationSet's parameters come from (`spec.generators[0]`): one parameter set, and
 * so one Application, per list element or per matching Git directory.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators/
 */
export class ApplicationSetGenerator extends FactoryValue {
  /**
   * One Application per element; an element's keys are the template's parameters (`{{.name}}`
   * with Go templates, `{{name}}` without), so every element needs every key the template uses.
   */
  public static list(elements: Array<Record<string, string>>): ApplicationSetGenerator {
    const problems = listProblems(elements);
    const copy = problems.length === 0 ? elements.map((element) => ({ ...element })) : [];
    return new ApplicationSetGenerator({ list: { elements: copy } }, { kind: 'list', elements: copy })
      ._problem('ApplicationSetGenerator.list', ...problems.slice(0, 1));
  }

  /**
   * One Application per directory of a Git repository. Parameters with Go templates:
   * `.path.path`, `.path.basename`, `.path.basenameNormalized`, `.path.segments`; without:
   * `path`, `path.basename`, `path.basenameNormalized`, `path[n]`.
   */
  public static gitDirectories(options: ApplicationSetGitDirectoriesOptions): ApplicationSetGenerator {
    const problems = gitProblems(options);
    const given: Partial<ApplicationSetGitDirectoriesOptions> = problems.length === 0 ? options : {};
    const directories = (given.directories ?? []).map((d) => ({ path: d.path, exclude: d.exclude ? true : undefined }));
    const pattern = directories.find((d) => !d.exclude)?.path ?? '';
    // Directory names are known only when Argo CD lists the repository: templates are checked against a stand-in.
    const sample = pattern.replace(/\*+|\?|\[[^\]]*\]/g, 'example');
    return new ApplicationSetGenerator(
      { git: { repoURL: given.repoURL, revision: given.revision ?? 'HEAD', directories } },
      { kind: 'git', pattern, sample },
    )._problem('ApplicationSetGenerator.gitDirectories', ...problems.slice(0, 1));
  }

  /** The generator as Argo CD reads it. @internal */
  public readonly _spec: Record<string, unknown>;
  /** What the parameters are made of. @internal */
  public readonly _source: ParameterSource;

  private constructor(spec: Record<string, unknown>, source: ParameterSource) {
    super();
    this._spec = spec;
    this._source = source;
  }
}

const LIST_EXAMPLE = '[{ name: "prod", server: "https://prod.example.com:6443" }]';

function listProblems(elements: unknown): string[] {
  if (!Array.isArray(elements) || elements.length === 0) {
    return [`elements ${show(elements)} must list one element per Application (an empty list makes none), e.g. ${LIST_EXAMPLE}`];
  }
  return elements.flatMap((element, i) => {
    if (typeof element !== 'object' || element === null || Array.isArray(element) || Object.keys(element).length === 0) {
      return [`elements[${i}] ${show(element)} must be an object of parameters, e.g. { name: "prod" }`];
    }
    return Object.entries(element).flatMap(([key, value]) => {
      // Without goTemplate the list generator reads a "values" key as a map of extra parameters (applicationset/generators/list.go, v3.5.1).
      if (key === 'values') return [`elements[${i}] has a key "values", which Argo CD's list generator reads as a map of extra parameters: rename it`];
      return typeof value === 'string' ? [] : [`elements[${i}].${key} ${show(value)} must be a string (template parameters are strings)`];
    });
  });
}

function gitProblems(options: unknown): string[] {
  const example = 'ApplicationSetGenerator.gitDirectories({ repoURL: "https://git.example.com/fleet.git", directories: [{ path: "clusters/*" }] })';
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return [`options ${show(options)} must be an object, e.g. ${example}`];
  const { repoURL, revision, directories } = options as Record<string, unknown>;
  const problems = [repoUrlProblem(repoURL)];
  if (revision !== undefined && (typeof revision !== 'string' || !/^\S+$/.test(revision))) {
    problems.push(`revision ${show(revision)} must be a branch, tag or commit (e.g. "main")`);
  }
  if (!Array.isArray(directories) || directories.length === 0) {
    problems.push(`directories ${show(directories)} must list at least one directory, e.g. [{ path: "clusters/*" }]`);
  } else {
    directories.forEach((d, i) => {
      const path = typeof d === 'object' && d !== null ? (d as Record<string, unknown>).path : undefined;
      // Argo CD matches the pattern (Go's path.Match) against paths relative to the root, "clusters/prod" (reposerver GetGitDirectories, v3.5.1).
      const dotted = typeof path === 'string' && path.startsWith('./');
      problems.push(dotted ? `directories[${i}].path ${show(path)} never matches: Argo CD compares it with paths like "clusters/prod"; write ${show(path.slice(2))}`
        : repositoryPathProblem(`directories[${i}].path`, path));
      const exclude = typeof d === 'object' && d !== null ? (d as Record<string, unknown>).exclude : undefined;
      if (exclude !== undefined && typeof exclude !== 'boolean') problems.push(`directories[${i}].exclude ${show(exclude)} must be true or false`);
    });
    if (directories.every((d) => d?.exclude === true)) {
      problems.push(`directories ${show(directories)} only exclude: add a directory to include, e.g. { path: "clusters/*" }`);
    }
  }
  return problems.filter((p): p is string => p !== undefined);
}

/** The fields of each generated Application (`spec.template`); the string fields may hold parameters. */
export interface ArgoCdApplicationSetTemplate {
  /**
   * Name of each Application, with a parameter that differs per Application:
   * '{{.name}}-virtualization' with Go templates, '{{name}}-virtualization' without.
   */
  readonly name: string;
  /** The Git repository of each Application (URL as Argo CD knows it). */
  readonly repoURL: string;
  /** Branch, tag or commit. @default 'HEAD' */
  readonly targetRevision?: string;
  /** Folder inside the repository (relative, no `..`), e.g. 'clusters/{{.name}}/argocd'. */
  readonly path: string;
  /**
   * Where each Application deploys. An app-of-apps root keeps the default: the Applications it
   * applies live in Argo CD's namespace and name their own cluster.
   * @default - the cluster Argo CD runs in
   */
  readonly destination?: ArgoCdDestination;
  /** Sync on every change, prune what left Git, undo manual changes. @default true */
  readonly automated?: boolean;
  /** @default - 10 attempts, 15 s doubling to 5 min */
  readonly retry?: ArgoCdRetry;
  /** Application-wide sync options (`Key=value`). @default - none */
  readonly syncOptions?: string[];
}

/** The `text/template` options Go accepts (any other makes `Option` panic). */
const GO_TEMPLATE_OPTIONS = ['missingkey=default', 'missingkey=invalid', 'missingkey=zero', 'missingkey=error'];

/** Properties of `ArgoCdApplicationSet`. */
export interface ArgoCdApplicationSetProps {
  /** Name of the ApplicationSet. */
  readonly name: string;
  /** Argo CD's namespace. @default 'argocd' */
  readonly namespace?: string;
  /**
   * The AppProject of every generated Application. Not a template: Argo CD warns that a
   * templated project lets whoever controls the parameters pick a more powerful project.
   * @default 'default'
   */
  readonly project?: string;
  /** Where the parameters come from: `ApplicationSetGenerator.list(...)` or `.gitDirectories(...)`. */
  readonly generator: ApplicationSetGenerator;
  /** Each generated Application. */
  readonly template: ArgoCdApplicationSetTemplate;
  /** Go templates (`{{.name}}`) instead of fasttemplate (`{{name}}`). @default true */
  readonly goTemplate?: boolean;
  /**
   * `text/template` options, only with `goTemplate`. Upstream recommends missingkey=error: a
   * missing parameter fails the ApplicationSet instead of rendering "<no value>".
   * @default ['missingkey=error']
   */
  readonly goTemplateOptions?: string[];
  /**
   * Generated Applications get no `resources-finalizer.argocd.argoproj.io`, so deleting one
   * (or the ApplicationSet) leaves what it deployed in place.
   * @default true
   */
  readonly preserveResourcesOnDeletion?: boolean;
}

/**
 * An Argo CD ApplicationSet (`argoproj.io/v1alpha1`): one Application per list element or Git
 * directory (e.g. one app-of-apps root per cluster), made from `template`.
 *
 * Deleting it: with `preserveResourcesOnDeletion` (the default) and no finalizer in the template,
 * the ApplicationSet controller adds no `resources-finalizer.argocd.argoproj.io` to the
 * Applications. Deleting the ApplicationSet deletes its Applications (it owns them), but Argo CD
 * deletes nothing they deployed: each cluster's VMs, disks and child Applications stay. Removing
 * an element or directory from the generator does the same for its Application. With
 * `preserveResourcesOnDeletion: false` the finalizer is added and both delete every VM and disk.
 *
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Application-Deletion/
 */
export class ArgoCdApplicationSet extends KubeResource {
  /** @see kplus.Resource */
  public readonly resourceType = 'applicationsets';
  /** Whether the template is a Go template (`{{.name}}`) rather than fasttemplate (`{{name}}`). */
  public readonly goTemplate: boolean;
  /** Whether deleting a generated Application leaves what it deployed in place. */
  public readonly preserveResourcesOnDeletion: boolean;
  protected readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: ArgoCdApplicationSetProps) {
    super(scope, id);
    try {
      assertPropsObject(this, props, 'ArgoCdApplicationSetProps',
        '{ name: "fleet", generator: ApplicationSetGenerator.list([{ name: "prod" }]), template: { name: "{{.name}}-virtualization", repoURL: "https://git.example.com/fleet.git", path: "clusters/{{.name}}/argocd" } }');
      this.goTemplate = props.goTemplate ?? true;
      this.preserveResourcesOnDeletion = props.preserveResourcesOnDeletion ?? true;
      this.checkProps(props);
      checkTemplate(this, props.template, parameterSets(props.generator, this.goTemplate), this.goTemplate);
      this.apiObject = new ApiObject(this, 'Resource', {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'ApplicationSet',
        metadata: { name: props.name, namespace: props.namespace ?? 'argocd' },
        spec: this.spec(props),
      });
    } catch (error) {
      // A refused construct leaves nothing behind, and its id free for the corrected one
      // (it claims no addresses, so removing it from the tree is all it takes).
      scope.node.tryRemoveChild(id);
      throw error;
    }
  }

  private checkProps(props: ArgoCdApplicationSetProps): void {
    const named: Array<[string, unknown, (v: string) => string | undefined]> = [
      ['name', props.name, dnsSubdomainProblem], ['namespace', props.namespace ?? 'argocd', dnsLabelProblem], ['project', props.project ?? 'default', dnsSubdomainProblem],
    ];
    for (const [field, value, problemOf] of named) {
      const problem = problemOf(value as string);
      if (problem) throw constructError(this, `${field} ${show(value)} ${problem}`);
    }
    if (!(props.generator instanceof ApplicationSetGenerator)) {
      throw constructError(this, `generator ${show(props.generator)} must be made by ApplicationSetGenerator.list([...]) or ApplicationSetGenerator.gitDirectories({...})`);
    }
    assertFactoryValue(this, 'generator', props.generator);
    if (typeof props.template !== 'object' || props.template === null || Array.isArray(props.template)) {
      throw constructError(this, `template ${show(props.template)} must be an object, e.g. { name: "{{.name}}-virtualization", repoURL: "https://git.example.com/fleet.git", path: "clusters/{{.name}}/argocd" }`);
    }
    const options: unknown = props.goTemplateOptions;
    if (options !== undefined && !this.goTemplate) {
      throw constructError(this, `goTemplateOptions ${show(options)} apply to Go templates only: leave them out, or set goTemplate: true`);
    }
    if (options !== undefined && (!Array.isArray(options) || options.some((o) => !GO_TEMPLATE_OPTIONS.includes(o)))) {
      throw constructError(this, `goTemplateOptions ${show(options)} may hold only ${GO_TEMPLATE_OPTIONS.map((o) => show(o)).join(', ')} (Go's text/template options; upstream recommends "missingkey=error")`);
    }
    const syncOptions: unknown = props.template.syncOptions;
    const badSyncOption = Array.isArray(syncOptions) ? syncOptions.findIndex((o) => typeof o !== 'string' || !/^[A-Za-z]+=\S+$/.test(o)) : -1;
    if (syncOptions !== undefined && (!Array.isArray(syncOptions) || badSyncOption >= 0)) {
      const what = Array.isArray(syncOptions) ? `template.syncOptions[${badSyncOption}] ${show(syncOptions[badSyncOption])}` : `template.syncOptions ${show(syncOptions)}`;
      throw constructError(this, `${what} must be Key=value sync options, e.g. ["CreateNamespace=true"]`);
    }
  }

  private spec(props: ArgoCdApplicationSetProps): Record<string, unknown> {
    const template = props.template;
    const goTemplateOptions = this.goTemplate ? props.goTemplateOptions ?? ['missingkey=error'] : [];
    return {
      goTemplate: this.goTemplate ? true : undefined,
      goTemplateOptions: goTemplateOptions.length > 0 ? [...goTemplateOptions] : undefined,
      generators: [structuredClone(props.generator._spec)],
      syncPolicy: { preserveResourcesOnDeletion: this.preserveResourcesOnDeletion },
      template: {
        // No finalizers here: the controller adds resources-finalizer only to a template without
        // finalizers when preserveResourcesOnDeletion is false (applicationset/utils/utils.go, v3.5.1).
        metadata: { name: template.name },
        spec: {
          project: props.project ?? 'default',
          source: { repoURL: template.repoURL, targetRevision: template.targetRevision ?? 'HEAD', path: template.path },
          destination: destinationSpec(template.destination),
          syncPolicy: syncPolicySpec(this, template, 'template.retry'),
        },
      },
    };
  }
}

/** The parameters of one generated Application, and how a message names it. */
interface ParameterSet {
  readonly where: string;
  readonly values: Record<string, unknown>;
  /** From a list element (whose keys the user chose), not from Argo CD. */
  readonly fromList?: boolean;
}

/** The parameter sets the template is rendered with (for Git, one stand-in directory). */
function parameterSets(generator: ApplicationSetGenerator, goTemplate: boolean): ParameterSet[] {
  const source = generator._source;
  if (source.kind === 'list') return source.elements.map((values, i) => ({ where: `list element ${i}`, values, fromList: true }));
  // The parameters of applicationset/generators/git.go (generateParamsFromApps, v3.5.1).
  const segments = source.sample.split('/');
  const basename = segments[segments.length - 1];
  const path = { path: source.sample, basename, basenameNormalized: sanitizeName(basename), segments };
  const flat = { 'path': path.path, 'path.basename': basename, 'path.basenameNormalized': path.basenameNormalized };
  const values = goTemplate ? { path } : { ...flat, ...Object.fromEntries(segments.map((segment, i) => [`path[${i}]`, segment])) };
  return [{ where: `a directory matching ${show(source.pattern)} (e.g. ${show(source.sample)})`, values }];
}

/** Argo CD's `normalize` (applicationset/utils/template_functions.go SanitizeName, v3.5.1). */
function sanitizeName(name: string): string {
  return name.toLowerCase().replace(/[^-a-z0-9.]/g, '-').slice(0, 253).replace(/^[-.]+|[-.]+$/g, '');
}

/** One field's value for one Application. */
interface RenderedValue {
  readonly where: string;
  readonly value: string;
}

/**
 * Renders every templated field for every parameter set, and throws (naming `scope`) for a
 * parameter the generator does not give, a name that is not a DNS subdomain or repeats, a path
 * outside the repository or a repository that is not a Git URL.
 */
function checkTemplate(scope: Construct, template: ArgoCdApplicationSetTemplate, sets: ParameterSet[], goTemplate: boolean): void {
  const all = (field: string, text: unknown): RenderedValue[] => {
    if (typeof text !== 'string') throw constructError(scope, `template.${field} ${show(text)} must be a string`);
    return sets.flatMap((set) => {
      const rendered = goTemplate ? renderGo(text, set) : renderFast(text, set);
      if (rendered.problem) throw constructError(scope, `template.${field} ${show(text)}: ${rendered.problem}`);
      return rendered.value === undefined ? [] : [{ where: set.where, value: rendered.value }];
    });
  };
  const check = (field: string, text: unknown, reasonOf: (value: string) => string | undefined): RenderedValue[] => {
    const values = all(field, text);
    for (const rendered of values) {
      const reason = reasonOf(rendered.value);
      if (reason) throw constructError(scope, renderedProblem(`template.${field}`, text as string, rendered, reason));
    }
    return values;
  };
  const names = check('name', template.name, dnsSubdomainProblem);
  checkUnique(scope, template.name, names, goTemplate);
  check('repoURL', template.repoURL, (v) => withoutSubject(repoUrlProblem(v), `repoURL ${show(v)} `));
  check('path', template.path, (v) => withoutSubject(repositoryPathProblem('path', v), `path ${show(v)} `));
  if (template.targetRevision !== undefined) all('targetRevision', template.targetRevision);
  const destination = template.destination ?? {};
  if (destination.server !== undefined && destination.name !== undefined) {
    throw constructError(scope, `template.destination has both server ${show(destination.server)} and name ${show(destination.name)}: Argo CD refuses an Application with both; keep name (a cluster registered in Argo CD) or server (its API URL)`);
  }
  if (destination.server !== undefined) {
    check('destination.server', destination.server, (v) => /^https?:\/\/\S+$/.test(v) ? undefined : 'is not an API server URL: give https://host:6443, or use destination.name for a cluster registered in Argo CD');
  }
  if (destination.name !== undefined) check('destination.name', destination.name, (v) => v === '' ? 'is empty: give the cluster\'s name in Argo CD' : undefined);
  if (destination.namespace !== undefined) check('destination.namespace', destination.namespace, dnsLabelProblem);
}

/** Two Applications of one name: the ApplicationSet controller refuses the second ("duplicate name", v3.5.1). */
function checkUnique(scope: Construct, text: string, names: RenderedValue[], goTemplate: boolean): void {
  const first = new Map<string, string>();
  for (const { where, value } of names) {
    const earlier = first.get(value);
    if (earlier !== undefined) {
      throw constructError(scope, `template.name ${show(text)} renders ${show(value)} for both ${earlier} and ${where}: Argo CD refuses two Applications of one name in an ApplicationSet; put a parameter that differs between them in the name, e.g. ${show(goTemplate ? '{{.name}}-virtualization' : '{{name}}-virtualization')}`);
    }
    first.set(value, where);
  }
}

/** `template.x "text" reason`, or with parameters `template.x "text" renders "value" for <where>, which reason`. */
function renderedProblem(field: string, text: string, rendered: RenderedValue, reason: string): string {
  return rendered.value === text
    ? `${field} ${show(text)} ${reason}`
    : `${field} ${show(text)} renders ${show(rendered.value)} for ${rendered.where}, which ${reason}`;
}

/** A problem message without its leading `field "value" ` (to be said of a rendered value). */
function withoutSubject(problem: string | undefined, subject: string): string | undefined {
  return problem?.startsWith(subject) ? problem.slice(subject.length) : problem;
}

interface Rendered {
  /** The rendered text, when every placeholder could be rendered here. */
  readonly value?: string;
  readonly problem?: string;
}

/** A placeholder: fasttemplate takes the text between `{{` and the next `}}` (Go's actions, simply written, too). */
const ACTION = /\{\{([\s\S]*?)\}\}/g;

/** fasttemplate, as Argo CD runs it: a tag that is not a parameter stays as written (applicationset/utils/utils.go, v3.5.1). */
function renderFast(text: string, set: ParameterSet): Rendered {
  let problem: string | undefined;
  const value = text.replace(ACTION, (action: string, tag: string) => {
    const parameter = set.values[tag.trim()];
    if (typeof parameter === 'string') return parameter;
    const goHint = tag.trim().startsWith('.') ? `; that is Go template syntax: set goTemplate: true, or write {{${tag.trim().slice(1)}}}` : '';
    problem ??= `${action} is not a parameter of ${set.where} (its parameters: ${Object.keys(set.values).join(', ')})${goHint}`;
    return action;
  });
  return problem ? { problem } : { value };
}

const FIELD_CHAIN = /^\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/;
const FIELD_REFERENCE = /(?:^|[\s(])(\.[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g;
const BARE_NAME = /^[A-Za-z_][\w.]*(?:\[\d+\])?$/;

/**
 * Go templates: `{{.a.b}}` is rendered; other actions (functions, pipelines) are not, but the
 * fields they read must exist. `{{name}}` is a function call in Go, so a bare parameter name is
 * fasttemplate written by mistake.
 */
function renderGo(text: string, set: ParameterSet): Rendered {
  // range and with rebind the dot, so which parameter a field means is not known here: not checked.
  if (/\{\{-?\s*(?:range|with|define|block|template)\b/.test(text)) return {};
  let problem: string | undefined;
  let renderable = true;
  const value = text.replace(ACTION, (action: string, inner: string) => {
    const body = inner.replace(/^-(?=\s)/, '').replace(/(?<=\s)-$/, '').trim();
    if (FIELD_CHAIN.test(body)) {
      const parameter = lookup(set.values, body);
      if (typeof parameter === 'string') return parameter;
      problem ??= parameter === undefined ? missing(action, body, set)
        : `${action} is not a string for ${set.where} but ${show(parameter)}: use one of ${leaves(set.values).join(', ')}`;
      return action;
    }
    renderable = false;
    if (BARE_NAME.test(body) && body.split(/[.[]/)[0] in set.values) {
      problem ??= `${action} is fasttemplate syntax, which a Go template reads as a function call: with goTemplate: true write ${goForm(body, set.values)}`;
    } else {
      const absent = [...body.matchAll(FIELD_REFERENCE)].map((m) => m[1]).find((reference) => lookup(set.values, reference) === undefined);
      if (absent !== undefined) problem ??= missing(action, absent, set);
    }
    return action;
  });
  if (problem) return { problem };
  return renderable ? { value } : {};
}

function missing(action: string, reference: string, set: ParameterSet): string {
  const fix = set.fromList ? `use one of them, or give every list element ${show(reference.slice(1))}` : 'use one of them';
  return `${set.where} has no ${reference} (its parameters: ${leaves(set.values).join(', ')}), so ${action} fails with missingkey=error and renders "<no value>" without it: ${fix}`;
}

/** `{{.name}}` for `name`; `{{.path.path}}` for Git's `path`; `{{index .path.segments 0}}` for `path[0]`. */
function goForm(bare: string, values: Record<string, unknown>): string {
  const indexed = /^(.*)\[(\d+)\]$/.exec(bare);
  if (indexed) return `{{index .${indexed[1]}.segments ${indexed[2]}}}`;
  const value = lookup(values, `.${bare}`);
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'path' in value ? `{{.${bare}.path}}` : `{{.${bare}}}`;
}

/** The value at `.a.b` of nested parameters, or undefined. */
function lookup(values: Record<string, unknown>, chain: string): unknown {
  let current: unknown = values;
  for (const key of chain.split('.').slice(1)) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Every `.a.b` a Go template can read from nested parameters (lists are leaves). */
function leaves(values: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(values).flatMap(([key, value]) => (typeof value === 'object' && value !== null && !Array.isArray(value)
    ? leaves(value as Record<string, unknown>, `${prefix}.${key}`)
    : [`${prefix}.${key}`]));
}
