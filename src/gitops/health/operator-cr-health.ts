import { LUA_CONDITION_HELPERS, LUA_HEALTH_RESULT } from './lua-helpers';

/** What differs between the operator CRs (HyperConverged, KubeVirt, CDI) for their health script. */
export interface OperatorCrHealthOptions {
  /** The CR's kind, for messages. */
  readonly kind: string;
  /** The operator that writes the status, for messages. */
  readonly operator: string;
  /** The CR reports `status.phase` and is ready only in phase `Deployed` (KubeVirt, CDI). */
  readonly deployedPhase: boolean;
  /** A `status.phase` that means the deployment failed (CDI's `Error`). */
  readonly errorPhase?: string;
  /** Its conditions carry their own `observedGeneration` (metav1.Condition, HyperConverged). */
  readonly conditionGenerations: boolean;
}

// Stale when status.observedGeneration (and, for metav1.Condition, a condition's) is not the
// object's generation: the operator has not reconciled the last change yet.
function staleStatusLua(conditionGenerations: boolean): string {
  const conditionCheck = !conditionGenerations ? '' : `
  for _, conditionType in ipairs({ "Available", "Progressing", "Degraded" }) do
    local condition = findCondition(conditionType)
    if condition ~= nil and condition.observedGeneration ~= nil and condition.observedGeneration ~= generation then
      return conditionType .. " describes generation " .. condition.observedGeneration .. ", the object is at generation " .. generation
    end
  end`;
  return `local function staleStatus()
  local generation = metadata.generation
  if generation == nil then
    return nil
  end
  if obj.status.observedGeneration ~= nil and obj.status.observedGeneration ~= generation then
    return "status describes generation " .. obj.status.observedGeneration .. ", the object is at generation " .. generation
  end${conditionCheck}
  return nil
end`;
}

function phaseChecksLua(options: OperatorCrHealthOptions): string {
  const lines: string[] = [];
  if (options.errorPhase) {
    lines.push(`if phase == "${options.errorPhase}" then
  return health("Degraded", "phase ${options.errorPhase}: ${options.operator} failed to deploy; see its logs and the CR's events")
end`);
  }
  if (options.deployedPhase) {
    lines.push(`if phase ~= "Deployed" then
  return health("Progressing", "phase " .. (phase or "not reported yet") .. ", waiting for Deployed")
end`);
  }
  return lines.join('\n');
}

/**
 * The Argo CD health script of an operator CR: Healthy only when the runtime is ready
 * (Available=True, Progressing=False, Degraded=False, and phase Deployed where the CR has a
 * phase); Degraded when Degraded=True and the operator is not progressing; Progressing
 * otherwise, including no status yet, a stale status (observedGeneration behind
 * metadata.generation) and deletion. Degraded=True together with Progressing=True is an
 * upgrade or a recovery under way (virt-operator and the CDI operator report both during an
 * update), so it is Progressing.
 */
export function operatorCrHealthLua(options: OperatorCrHealthOptions): string {
  return `${LUA_HEALTH_RESULT}

${LUA_CONDITION_HELPERS}

local metadata = obj.metadata or {}

${staleStatusLua(options.conditionGenerations)}

if obj.status == nil then
  return health("Progressing", "no status yet: waiting for ${options.operator} to reconcile the ${options.kind}")
end
if metadata.deletionTimestamp ~= nil then
  return health("Progressing", "the ${options.kind} is being deleted")
end
local stale = staleStatus()
if stale ~= nil then
  return health("Progressing", "waiting for ${options.operator}: " .. stale)
end
local phase = obj.status.phase
if phase == "Deleting" or phase == "Deleted" then
  return health("Progressing", "phase " .. phase)
end
local progressing = findCondition("Progressing")
local degraded = findCondition("Degraded")
if progressing ~= nil and progressing.status == "True" then
  local message = describeCondition(progressing)
  if degraded ~= nil and degraded.status == "True" then
    message = message .. "; " .. describeCondition(degraded)
  end
  return health("Progressing", message)
end
if degraded ~= nil and degraded.status == "True" then
  return health("Degraded", describeCondition(degraded))
end
${phaseChecksLua(options)}
local available = findCondition("Available")
if available ~= nil and available.status == "True" and conditionIs("Progressing", "False") and conditionIs("Degraded", "False") then
  return health("Healthy", describeCondition(available))
end
local missing = {}
for _, conditionType in ipairs({ "Available", "Progressing", "Degraded" }) do
  local condition = findCondition(conditionType)
  if condition == nil then
    table.insert(missing, conditionType .. " not reported")
  elseif condition.status ~= (conditionType == "Available" and "True" or "False") then
    table.insert(missing, describeCondition(condition))
  end
end
return health("Progressing", "waiting for ${options.operator}: " .. table.concat(missing, "; "))
`;
}
