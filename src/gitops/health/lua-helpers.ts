// Lua shared by the Argo CD health scripts. Argo CD runs the scripts in gopher-lua (Lua 5.1)
// with only the base, table, package and a reduced os library open, so the helpers use no
// string or math functions, and every script defines them itself (a script is one chunk).

/** `hs` and `health(status, message)`, which fills `hs` and returns it. */
export const LUA_HEALTH_RESULT = `local hs = {}

local function health(status, message)
  hs.status = status
  hs.message = message
  return hs
end`;

/**
 * `findCondition(type)` (the condition in `obj.status.conditions`, or nil),
 * `conditionIs(type, status)` and `describeCondition(condition)` ("Type: reason: message").
 */
export const LUA_CONDITION_HELPERS = `local function findCondition(conditionType)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == conditionType then
      return condition
    end
  end
  return nil
end

local function conditionIs(conditionType, status)
  local condition = findCondition(conditionType)
  return condition ~= nil and condition.status == status
end

local function describeCondition(condition)
  local text = condition.type .. "=" .. tostring(condition.status)
  if condition.reason ~= nil and condition.reason ~= "" then
    text = text .. ": " .. condition.reason
  end
  if condition.message ~= nil and condition.message ~= "" then
    text = text .. ": " .. condition.message
  end
  return text
end`;

/** A Lua set literal (`{ ["a"] = true, ... }`) of the given strings, for membership tests. */
export function luaSet(values: readonly string[]): string {
  return `{ ${values.map((value) => `["${value}"] = true`).join(', ')} }`;
}
