import { LUA_HEALTH_RESULT } from './lua-helpers';

// Phases and the failure reason: kubevirt/kubevirt@v1.9.0:staging/src/kubevirt.io/api/core/v1/types.go
// (VirtualMachineInstanceMigrationPhase, VirtualMachineInstanceMigrationState.failureReason).

/** One line on what the VirtualMachineInstanceMigration check reports. */
export const VIRTUAL_MACHINE_INSTANCE_MIGRATION_HEALTH_SUMMARY =
  'Healthy when the migration Succeeded; Degraded when it Failed (with its failure reason); else Progressing.';

/** Argo CD health script of `kubevirt.io/VirtualMachineInstanceMigration`. */
export const VIRTUAL_MACHINE_INSTANCE_MIGRATION_HEALTH_LUA = `${LUA_HEALTH_RESULT}

if obj.status == nil or obj.status.phase == nil or obj.status.phase == "" then
  return health("Progressing", "no phase yet: waiting for virt-controller to pick up the migration")
end
local phase = obj.status.phase
if phase == "Succeeded" then
  return health("Healthy", "Succeeded")
end
if phase == "Failed" then
  local state = obj.status.migrationState
  if state ~= nil and state.failureReason ~= nil and state.failureReason ~= "" then
    return health("Degraded", "Failed: " .. state.failureReason)
  end
  return health("Degraded", "Failed")
end
return health("Progressing", phase)
`;
