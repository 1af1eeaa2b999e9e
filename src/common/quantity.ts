import { Size, SizeRoundingBehavior } from 'cdk8s';
import { show } from './errors';

/** The Kubernetes resource.Quantity grammar (apimachinery), as the CRD schemas write it. */
const QUANTITY = /^([+-]?)(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(([0-9]+(\.[0-9]*)?)|(\.[0-9]+))))?$/;

const SUFFIX_FACTORS: Record<string, number> = {
  '': 1,
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/** Returns the numeric value of a Kubernetes quantity string, or undefined when it is not one. */
export function parseQuantity(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value);
  if (!match) return undefined;
  const sign = match[1] === '-' ? -1 : 1;
  const number = Number(match[2]);
  const suffix = match[6] ?? '';
  const factor = /^[eE]/.test(suffix) ? 10 ** Number(suffix.slice(1)) : SUFFIX_FACTORS[suffix];
  return sign * number * factor;
}

const BINARY_UNITS: Array<[string, (s: Size) => number]> = [
  ['Ti', (s) => s.toTebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Gi', (s) => s.toGibibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Mi', (s) => s.toMebibytes({ rounding: SizeRoundingBehavior.NONE })],
  ['Ki', (s) => s.toKibibytes({ rounding: SizeRoundingBehavior.NONE })],
];

/** Renders a cdk8s Size in the largest binary unit that keeps it whole ("4Gi", "1536Mi"). */
export function sizeToQuantity(size: Size): string {
  for (const [unit, convert] of BINARY_UNITS) {
    const amount = convert(size);
    if (Number.isInteger(amount) && amount >= 1) return `${amount}${unit}`;
  }
  // Below 1Ki, or not a whole number of KiB: plain bytes.
  return `${Math.floor(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024)}`;
}

/**
 * Checks a byte quantity (memory, disk size) given as a Size or a string.
 * Returns the rendered quantity, or a problem message that says how to write it.
 */
export function byteQuantity(value: Size | string): { quantity?: string; problem?: string } {
  if (value instanceof Size) {
    const quantity = sizeToQuantity(value);
    return parseQuantity(quantity)! > 0 ? { quantity } : { problem: 'must be greater than zero' };
  }
  if (typeof value !== 'string') {
    return { problem: 'must be a cdk8s Size (e.g. Size.gibibytes(4)) or a quantity string such as "4Gi"' };
  }
  const bytes = parseQuantity(value);
  if (bytes === undefined) {
    const bytesUnit = /^(\d+(?:\.\d+)?)\s*([kmgtpe])i?b$/i.exec(value.trim());
    const hint = bytesUnit
      ? ` (Kubernetes writes ${show(`${bytesUnit[1]}${bytesUnit[2].toUpperCase()}i`)}, not ${show(value)})`
      : '';
    return { problem: `is not a Kubernetes quantity${hint}: write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)` };
  }
  if (bytes <= 0) return { problem: 'must be greater than zero' };
  return { quantity: value };
}
