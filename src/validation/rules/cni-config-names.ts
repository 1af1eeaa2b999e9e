import { show } from '../../common/errors';
import { apiGroupOf } from '../../model/object-index';
import { Rule, RuleSource } from '../rule';
import { ValidationRule } from '../validation-report';

/** The `name` of a CNI config (or config list) in JSON, or undefined when it has none or is no JSON. */
function configName(config: unknown): unknown {
  if (typeof config !== 'string') return undefined;
  try {
    const parsed = JSON.parse(config);
    return typeof parsed === 'object' && parsed !== null ? parsed.name : undefined;
  } catch {
    return undefined; // not JSON: not this rule's concern
  }
}

/**
 * A NAD's CNI config names the network as its object does. The cluster accepts a different
 * name: Multus fills the name in only when it is missing, and names the attachment after the
 * object in the pod's network status, while the plugins key their state by the config's name
 * (host-local and whereabouts address pools, the CNI result cache). Two NADs whose configs
 * share a name then share one pool of addresses: a warning.
 */
export const cniConfigNames: Rule = {
  id: ValidationRule.CNI_CONFIG_NAMES,
  order: 520,
  summary: 'a NetworkAttachmentDefinition\'s CNI config `name` is its object name (a warning: the cluster accepts another name, but IPAM state is kept under the config\'s name)',
  // Upstream function: GetCNIConfigFromSpec (fills in a missing name only).
  reference: 'https://github.com/k8snetworkplumbingwg/network-attachment-definition-client/blob/v1.7.6/pkg/utils/cniconfig.go',
  source: RuleSource.PROJECT,
  check(context) {
    const listed = context.viewsOfKind('NetworkAttachmentDefinition');
    for (let n = 0; n < listed.length; n++) {
      const { object, index } = listed[n];
      if (apiGroupOf(object.apiVersion) !== 'k8s.cni.cncf.io' || object.kind !== 'NetworkAttachmentDefinition') continue;
      const name = configName(object.spec?.config);
      const objectName = object.metadata?.name;
      if (name === undefined || name === '' || name === objectName) continue;
      context.warn(index, 'spec.config',
        `the CNI config is named ${show(name)} but the NetworkAttachmentDefinition ${show(objectName)}: Multus reports the attachment as ${show(objectName)} while the plugins keep IPAM state under ${show(name)}, shared with any other network of that config name; set the config's "name" to ${show(objectName)}, or leave it out (Multus fills it in)`);
    }
  },
};
