import { CDI_WEBHOOKS, DataVolumeSpecView, dataVolumeSpecs } from './data-volume/specs';
import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';
import { RuleContext } from '../rule-context';

const ACCESS_MODES = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
const KNOWN = ACCESS_MODES.map((m) => show(m)).join(', ');

function checkModes(view: DataVolumeSpecView, context: RuleContext): void {
  const { index } = view;
  const found = view.target;
  if (!found) return; // data-volume-target reports it
  const modes: unknown[] | undefined = Array.isArray(found.target.accessModes) ? found.target.accessModes : undefined;
  if (found.name === 'pvc') {
    const field = (): string => fieldOf(view, found.name);
    // Under pvc CDI uses the modes as written and takes exactly one; storage may list none or several.
    if (!modes || modes.length === 0) {
      context.error(index, field(), `${view.holder} has no access mode under pvc, which CDI refuses (a pvc definition is used as written): add one, e.g. accessModes: ["ReadWriteMany"], or use storage to let CDI choose`);
      return;
    }
    if (modes.length > 1) {
      context.error(index, field(), `${view.holder} lists ${modes.length} access modes under pvc (${modes.map((m) => show(m)).join(', ')}), which CDI refuses (pvc takes exactly one): keep one, or use storage, which takes several`);
      return;
    }
  }
  if (modes) knownModes(view, context, modes, found.name);
}

/** The field path of the access modes (built for an issue only). */
const fieldOf = (view: DataVolumeSpecView, target: string): string => `${view.path}.${target}.accessModes`;

/** Each mode is one CDI knows (a loop, no closure: every DataVolume spec of a fleet comes here). */
function knownModes(view: DataVolumeSpecView, context: RuleContext, modes: unknown[], target: string): void {
  for (let position = 0; position < modes.length; position++) {
    const mode = modes[position];
    // Holes are skipped, as forEach skips them.
    if (!(position in modes) || typeof mode !== 'string' || ACCESS_MODES.includes(mode)) continue;
    context.error(view.index, `${fieldOf(view, target)}[${position}]`, `${view.holder} has access mode ${show(mode)}, which CDI refuses (it knows only ${KNOWN}): use one of those`);
  }
}

/** A DataVolume's access modes are known ones; under `pvc` exactly one. */
export const dataVolumeAccessModes: Rule = {
  id: 'data-volume-access-modes',
  order: 1020,
  summary: 'a DataVolume\'s access modes are `ReadWriteOnce`, `ReadOnlyMany`, `ReadWriteMany` or `ReadWriteOncePod`, exactly one under `pvc`, as CDI\'s DataVolume webhook requires',
  // Upstream function: validateDataVolumeSpec (the access-mode checks of pvc and storage).
  reference: `${CDI_WEBHOOKS}/datavolume-validate.go#L97-L141`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      checkModes(view, context);
    }
  },
};
