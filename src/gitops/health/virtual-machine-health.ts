import { LUA_CONDITION_HELPERS, LUA_HEALTH_RESULT, luaSet } from './lua-helpers';

// printableStatus values: kubevirt/kubevirt@v1.9.0:staging/src/kubevirt.io/api/core/v1/types.go
// (VirtualMachinePrintableStatus); the error ones are those virt-controller's metrics count as
// errors (pkg/monitoring/metrics/virt-controller/vmstats_collector.go, errorStatuses).

/** printableStatus values that mean the VM cannot run as declared. */
export const VM_ERROR_STATUSES: readonly string[] = [
  'CrashLoopBackOff', 'Unknown', 'ErrorUnschedulable', 'ErrImagePull', 'ImagePullBackOff',
  'ErrorPvcNotFound', 'DataVolumeError',
  // Reported by KubeVirt up to v0.56 (a missing DataVolume is DataVolumeError since).
  'ErrorDataVolumeNotFound',
];

/** Run strategies whose VM is stopped unless someone starts it: a Stopped VM is what they declare. */
export const VM_STOPPED_RUN_STRATEGIES: readonly string[] = ['Halted', 'Manual'];

/** One line on what the VirtualMachine check reports. */
export const VIRTUAL_MACHINE_HEALTH_SUMMARY =
  'Healthy when Running and Ready, or Stopped as declared (runStrategy Halted or Manual, running: false); Suspended when Paused; Degraded on error printableStatus values; else Progressing.';

/**
 * Argo CD health script of `kubevirt.io/VirtualMachine`. The run strategy is KubeVirt's own
 * reading (`VirtualMachine.RunStrategy()`): `running: true` is Always, `running: false` and no
 * field at all are Halted. status.observedGeneration is not used: on a VM it is the generation
 * the running VMI was started from, not a controller's progress.
 */
export const VIRTUAL_MACHINE_HEALTH_LUA = `${LUA_HEALTH_RESULT}

${LUA_CONDITION_HELPERS}

local ERROR_STATUSES = ${luaSet(VM_ERROR_STATUSES)}
local STOPPED_RUN_STRATEGIES = ${luaSet(VM_STOPPED_RUN_STRATEGIES)}

local function runStrategy()
  local spec = obj.spec or {}
  if spec.running ~= nil then
    if spec.running == true then
      return "Always"
    end
    return "Halted"
  end
  return spec.runStrategy or "Halted"
end

local function errorDetail()
  for _, conditionType in ipairs({ "Failure", "Ready" }) do
    local condition = findCondition(conditionType)
    if condition ~= nil and condition.status ~= "True" and condition.message ~= nil and condition.message ~= "" then
      return ": " .. condition.message
    end
  end
  return ""
end

if obj.status == nil then
  return health("Progressing", "no status yet: waiting for virt-controller")
end
local printable = obj.status.printableStatus
local strategy = runStrategy()
if printable ~= nil and ERROR_STATUSES[printable] then
  return health("Degraded", printable .. errorDetail())
end
if printable == "Paused" then
  return health("Suspended", "Paused")
end
if printable == "Stopped" then
  if STOPPED_RUN_STRATEGIES[strategy] then
    return health("Healthy", "Stopped, as runStrategy " .. strategy .. " declares")
  end
  return health("Progressing", "Stopped; runStrategy " .. strategy .. " expects it to run")
end
if printable == "WaitingForReceiver" and strategy == "WaitAsReceiver" then
  return health("Healthy", "WaitingForReceiver, as runStrategy WaitAsReceiver declares")
end
local ready = obj.status.ready == true or conditionIs("Ready", "True")
if ready and (printable == nil or printable == "Running") then
  return health("Healthy", "Running and Ready")
end
if printable == "Running" then
  return health("Progressing", "Running, not Ready yet" .. errorDetail())
end
return health("Progressing", (printable or "no printableStatus yet") .. errorDetail())
`;
