import { LUA_CONDITION_HELPERS, LUA_HEALTH_RESULT, luaSet } from './lua-helpers';

// Phases, conditions and restartCount: kubevirt/containerized-data-importer@v1.66.0:
// staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go
// (DataVolumePhase, DataVolumeStatus). The Running condition's reason comes from the populating
// pod (pkg/controller/util.go setAnnotationsFromPodWithPrefix, pkg/controller/common/util.go
// HandleFailedPod, pkg/controller/import-controller.go).

/** Phases of a DataVolume that is ready, or waits on purpose for the VM that consumes it. */
export const DATA_VOLUME_READY_PHASES: readonly string[] = ['Succeeded', 'WaitForFirstConsumer', 'PendingPopulation'];

/** Phases of a DataVolume that failed. */
export const DATA_VOLUME_FAILED_PHASES: readonly string[] = ['Failed', 'Unknown'];

/** Reasons of `Running=False` that mean the populating pod failed (CDI retries it, restartCount grows). */
export const DATA_VOLUME_ERROR_REASONS: readonly string[] = [
  'Error', 'ImagePullFailed', 'ChecksumError', 'ErrStartingPod', 'ErrExceededQuota',
];

/** One line on what the DataVolume check reports. */
export const DATA_VOLUME_HEALTH_SUMMARY =
  'Healthy when Succeeded, or WaitForFirstConsumer/PendingPopulation (its VM comes in a later wave); Degraded when Failed or its pod fails (Running=False with an error reason); Suspended when Paused; else Progressing.';

/** Argo CD health script of `cdi.kubevirt.io/DataVolume`. */
export const DATA_VOLUME_HEALTH_LUA = `${LUA_HEALTH_RESULT}

${LUA_CONDITION_HELPERS}

local READY_PHASES = ${luaSet(DATA_VOLUME_READY_PHASES)}
local FAILED_PHASES = ${luaSet(DATA_VOLUME_FAILED_PHASES)}
local ERROR_REASONS = ${luaSet(DATA_VOLUME_ERROR_REASONS)}

local function restarts()
  local count = obj.status.restartCount
  if count ~= nil and count > 0 then
    return " (the pod restarted " .. count .. " times)"
  end
  return ""
end

if obj.status == nil or obj.status.phase == nil or obj.status.phase == "" then
  return health("Progressing", "no phase yet: waiting for CDI")
end
local phase = obj.status.phase
local running = findCondition("Running")
if FAILED_PHASES[phase] then
  local detail = ""
  if running ~= nil and running.status == "False" then
    detail = "; " .. describeCondition(running)
  end
  return health("Degraded", phase .. detail .. restarts())
end
if running ~= nil and running.status == "False" and ERROR_REASONS[running.reason] then
  return health("Degraded", phase .. "; " .. describeCondition(running) .. restarts())
end
if phase == "WaitForFirstConsumer" or phase == "PendingPopulation" then
  return health("Healthy", phase .. ": the volume is populated when the VM that uses it is scheduled")
end
if READY_PHASES[phase] then
  return health("Healthy", phase)
end
if phase == "Paused" then
  return health("Suspended", "Paused: the multi-stage import waits for its next checkpoint")
end
local progress = ""
if obj.status.progress ~= nil and obj.status.progress ~= "" and obj.status.progress ~= "N/A" then
  progress = " " .. obj.status.progress
end
return health("Progressing", phase .. progress .. restarts())
`;
