// The README's tables of validation rules and live-migration reasons, written from the
// registries so they cannot drift (test/validation/readme-tables.test.ts compares them).
import { migrationChecks } from './live-migration-readiness';
import { RuleSource } from './rule';
import { validationRules } from './rule-registry';

/** A Markdown link to a reference: `kubevirt/kubevirt vm.go` for GitHub files, else the host. */
export function referenceLink(reference: string): string {
  const url = new URL(reference);
  const parts = url.pathname.split('/').filter((p) => p !== '');
  const label = url.hostname === 'github.com' && parts.length >= 2
    ? `${parts[0]}/${parts[1]}${parts.length > 2 ? ` ${parts[parts.length - 1]}` : ''}`
    : url.hostname;
  return `[${label}](${reference})`;
}

export function row(cells: string[]): string {
  return `| ${cells.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** The README table of validation rules (section "Validation and the CLI"), with a count by source. */
export function ruleTable(): string {
  const rules = validationRules();
  const counts = Object.values(RuleSource)
    .map((source) => [source, rules.filter((rule) => rule.source === source).length] as const)
    .filter(([, count]) => count > 0)
    .map(([source, count]) => `${source}: ${count}`);
  return [
    '| rule | checks | refused by | follows |',
    '|---|---|---|---|',
    ...rules.map((rule) => row([`\`${rule.id}\``, rule.summary, rule.source, referenceLink(rule.reference)])),
    '',
    `${rules.length} rules (${counts.join(', ')}).`,
  ].join('\n');
}

/** The README table of reasons a VM cannot live-migrate (section "Will it live-migrate?"). */
export function migrationReasonTable(): string {
  return [
    '| reason | when | follows |',
    '|---|---|---|',
    ...migrationChecks().flatMap((check) => check.reasons.map(({ reason, when }) => row([`\`${reason}\``, when, referenceLink(check.reference)]))),
  ].join('\n');
}
