import { LUA_HEALTH_RESULT } from './lua-helpers';

// Argo CD has not assessed argoproj.io/Application health since v1.8 (argoproj/argo-cd#3781);
// an app-of-apps waits for its child Applications only with a health customization
// (argoproj/argo-cd@v3.5.1:docs/operator-manual/health.md, "Argocd App"). Fields:
// pkg/apis/application/v1alpha1/types.go (AppHealthStatus, SyncStatus, OperationState).

/** One line on what the Application check reports. */
export const APPLICATION_HEALTH_SUMMARY =
  'Healthy when the child Application is Healthy and, if its sync status is known, Synced, with no sync operation running; Degraded and Missing passed through; else Progressing.';

/** Argo CD health script of `argoproj.io/Application`, for app-of-apps sync waves. */
export const APPLICATION_HEALTH_LUA = `${LUA_HEALTH_RESULT}

local function childMessage(fallback)
  if obj.status.health.message ~= nil and obj.status.health.message ~= "" then
    return obj.status.health.message
  end
  return fallback
end

if obj.status == nil or obj.status.health == nil or obj.status.health.status == nil then
  return health("Progressing", "waiting for the child Application's health")
end
local childHealth = obj.status.health.status
local operation = obj.status.operationState
if operation ~= nil and (operation.phase == "Running" or operation.phase == "Terminating") then
  local detail = ""
  if operation.message ~= nil and operation.message ~= "" then
    detail = ": " .. operation.message
  end
  return health("Progressing", "sync operation " .. operation.phase .. detail)
end
if childHealth == "Degraded" or childHealth == "Missing" then
  return health(childHealth, childMessage("the child Application is " .. childHealth))
end
local syncStatus = nil
if obj.status.sync ~= nil then
  syncStatus = obj.status.sync.status
end
if childHealth == "Healthy" then
  if syncStatus == "Synced" then
    return health("Healthy", "the child Application is Healthy and Synced")
  end
  if syncStatus == nil or syncStatus == "" or syncStatus == "Unknown" then
    return health("Healthy", "the child Application is Healthy; its sync status is not known")
  end
  return health("Progressing", "the child Application is Healthy but " .. syncStatus)
end
return health("Progressing", childMessage("the child Application is " .. childHealth))
`;
