import { LUA_CONDITION_HELPERS, LUA_HEALTH_RESULT, luaSet } from './lua-helpers';

// Status fields, states and condition types: operator-framework/api@v0.45.0:
// pkg/operators/v1alpha1/subscription_types.go (SubscriptionStatus, SubscriptionState*,
// Subscription* condition types, which are "abnormal-true": True means the problem is there).

/** Conditions that, when True, mean OLM cannot install or upgrade the operator. */
export const SUBSCRIPTION_FAILED_CONDITIONS: readonly string[] = ['InstallPlanFailed', 'ResolutionFailed', 'BundleUnpackFailed'];

/** Conditions that, when True, mean an install or upgrade is under way or waits for approval. */
export const SUBSCRIPTION_PENDING_CONDITIONS: readonly string[] = ['InstallPlanPending', 'BundleUnpacking'];

/** One line on what the Subscription check reports. */
export const SUBSCRIPTION_HEALTH_SUMMARY =
  'Healthy only when state is AtLatestKnown and installedCSV equals currentCSV with no failing or pending condition; Degraded on failed InstallPlan, resolution, unpack or upgrade; else Progressing (including an InstallPlan waiting for approval).';

/**
 * Argo CD health script of `operators.coreos.com/Subscription`. Unlike Argo CD's bundled check
 * it stays Progressing until the CSV the Subscription resolved is the one installed, so the
 * next wave does not start before the operator's CRDs and webhooks exist. A missing
 * InstallPlan whose reason is ReferencedInstallPlanNotFound is the usual garbage-collected
 * plan of an installed operator, not a failure. CatalogSourcesUnhealthy counts against an
 * operator that is not installed yet; once installed at its current CSV an unhealthy catalog
 * (often an unrelated one in the same namespace) is only mentioned.
 */
export const SUBSCRIPTION_HEALTH_LUA = `${LUA_HEALTH_RESULT}

${LUA_CONDITION_HELPERS}

local FAILED_CONDITIONS = ${luaSet(SUBSCRIPTION_FAILED_CONDITIONS)}
local PENDING_CONDITIONS = ${luaSet(SUBSCRIPTION_PENDING_CONDITIONS)}

local function trueConditions(types)
  local found = {}
  if obj.status.conditions == nil then
    return found
  end
  for _, condition in ipairs(obj.status.conditions) do
    if types[condition.type] and condition.status == "True" then
      table.insert(found, describeCondition(condition))
    end
  end
  return found
end

if obj.status == nil then
  return health("Progressing", "no status yet: waiting for OLM to resolve the Subscription")
end
local failed = trueConditions(FAILED_CONDITIONS)
local missingPlan = findCondition("InstallPlanMissing")
if missingPlan ~= nil and missingPlan.status == "True" and missingPlan.reason ~= "ReferencedInstallPlanNotFound" then
  table.insert(failed, describeCondition(missingPlan))
end
if obj.status.state == "UpgradeFailed" then
  table.insert(failed, "state UpgradeFailed")
end
if #failed > 0 then
  return health("Degraded", table.concat(failed, "; "))
end
local pending = trueConditions(PENDING_CONDITIONS)
if #pending > 0 then
  local plan = obj.status.installPlanRef
  if plan ~= nil and plan.name ~= nil and conditionIs("InstallPlanPending", "True") then
    table.insert(pending, "InstallPlan " .. plan.name)
  end
  return health("Progressing", table.concat(pending, "; "))
end
local installed = obj.status.installedCSV
local current = obj.status.currentCSV
local catalogs = findCondition("CatalogSourcesUnhealthy")
local catalogsUnhealthy = catalogs ~= nil and catalogs.status == "True"
if installed == nil or installed == "" then
  if catalogsUnhealthy then
    return health("Degraded", "no CSV installed; " .. describeCondition(catalogs))
  end
  return health("Progressing", "no CSV installed yet (currentCSV " .. (current or "not resolved") .. ")")
end
if installed ~= current then
  return health("Progressing", "installedCSV " .. installed .. ", currentCSV " .. tostring(current) .. ": install or upgrade under way")
end
if obj.status.state ~= "AtLatestKnown" then
  return health("Progressing", "installedCSV " .. installed .. ", state " .. (obj.status.state or "not reported yet"))
end
local message = "installedCSV " .. installed .. " is the latest known"
if catalogsUnhealthy then
  message = message .. "; " .. describeCondition(catalogs)
end
return health("Healthy", message)
`;
