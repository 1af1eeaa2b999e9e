import type { Format } from 'ajv';

const INT32 = 2 ** 31;

/**
 * The OpenAPI formats the Kubernetes schemas use that are checked; other formats are
 * documentation. One definition for both compilers: the run-time store adds them to its Ajv,
 * and the precompiled validators (scripts/precompile-validators.ts) `require` this module,
 * because Ajv's standalone code cannot inline a format given as a function.
 */
export const KUBERNETES_FORMATS: Readonly<Record<string, Format>> = {
  'int32': { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32 },
  'int64': { type: 'number', validate: (n: number) => Number.isInteger(n) },
  'double': { type: 'number', validate: () => true },
  'float': { type: 'number', validate: () => true },
  'byte': /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
};
