// What the plugin runs: the compiled components of kubevirt-constructs (lib/, built by
// `npm run compile` in a clone, shipped in the npm package), so no TypeScript is type-checked
// at `pulumi up`. index.ts names the same components for the schema.
'use strict';
module.exports = require('../lib/src/pulumi/plugin-components.js');
