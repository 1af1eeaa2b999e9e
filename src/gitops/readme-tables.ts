// README tables of the GitOps section, written from the code so they cannot drift
// (`npm run docs` writes them; test/gitops/readme-tables.test.ts compares).
import { KUBEVIRT_OWNED_FIELDS } from './argo-cd/kubevirt-owned-fields';
import { ARGO_CD_HEALTH_CHECKS } from './health/health-checks';
import { referenceLink, row } from '../validation/readme-tables';

/** The fields KubeVirt, CDI and HCO write into our objects, and what we do about each. */
export function ownedFieldTable(): string {
  return [
    '| kind | field | written by | we | how / why | source |',
    '|---|---|---|---|---|---|',
    ...KUBEVIRT_OWNED_FIELDS.map((f) => row([f.kind, f.field.startsWith('/') ? `\`${f.field}\`` : f.field, f.writer, f.handling, f.note, referenceLink(f.reference)])),
  ].join('\n');
}

/** The Argo CD health checks written into argocd-cm. */
export function healthCheckTable(): string {
  return [
    '| kind | health |',
    '|---|---|',
    ...ARGO_CD_HEALTH_CHECKS.map((c) => row([`\`${c.group}/${c.kind}\``, c.summary])),
  ].join('\n');
}
