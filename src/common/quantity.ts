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

/**
 * Returns the numeric value of a Kubernetes quantity string, or undefined when it is not one
 * (not in the CRD schemas' grammar, or refused by apimachinery's parser, e.g. "1e1.5").
 */
export function parseQuantity(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  return remembered(parsedValues, value, parseQuantityText);
}

/**
 * Results of the pure quantity functions by input: a fleet writes the same few sizes thousands
 * of times, and each parse runs two regular expressions. Bounded, so odd inputs cannot grow it.
 */
const parsedValues = new Map<string, number | undefined>();
const canonicalTexts = new Map<string, string>();
const REMEMBERED_LIMIT = 1000;

function remembered<T>(cache: Map<string, T>, value: string, compute: (value: string) => T): T {
  if (cache.has(value)) return cache.get(value)!;
  const result = compute(value);
  if (cache.size >= REMEMBERED_LIMIT) cache.clear();
  cache.set(value, result);
  return result;
}

function parseQuantityText(value: string): number | undefined {
  const match = QUANTITY.exec(value);
  if (!match || scanQuantity(value) === undefined) return undefined;
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

/**
 * Renders a cdk8s Size as the API server prints it: the largest binary unit that keeps it whole
 * ("4Gi", "1536Mi", "1Pi"); below 1Ki, or not a whole number of KiB, plain bytes in decimal
 * SI ("512", "2M" for 2000000 bytes).
 */
export function sizeToQuantity(size: Size): string {
  for (const [unit, convert] of BINARY_UNITS) {
    const amount = convert(size);
    if (Number.isInteger(amount) && amount >= 1) return canonicalQuantity(`${BigInt(amount)}${unit}`);
  }
  const bytes = Math.floor(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024);
  return canonicalQuantity(`${BigInt(Number.isFinite(bytes) ? bytes : 0)}`);
}

/**
 * Checks a byte quantity (memory, disk size) given as a Size or a string.
 * Returns the rendered quantity (a string as the user wrote it; render it with
 * `canonicalQuantity`), or a problem message that says how to write it.
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

// ---------------------------------------------------------------------------------------------
// The API server's form of a quantity.
//
// Controllers and webhooks that decode an object into Go types and write it back (KubeVirt's VM
// mutator, CDI's DataVolume controller, the HyperConverged and KubeVirt operators) print every
// resource.Quantity again. Unless our text is what Go prints, the stored value differs from what
// we wrote and a GitOps diff shows drift. What follows reproduces, with exact integer arithmetic,
// ParseQuantity, CanonicalizeBytes and MarshalJSON of k8s.io/apimachinery
// pkg/api/resource/quantity.go (v0.34.2, the version KubeVirt v1.9.0 builds with; unchanged
// through v0.36), with amount.go, math.go and suffix.go beside it.
// ---------------------------------------------------------------------------------------------

/** The three ways a quantity prints; a parsed quantity keeps the one its suffix had. */
type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

/** A quantity string cut the way apimachinery's scanner cuts it. */
interface ScannedQuantity {
  readonly negative: boolean;
  /** Digits before the point, leading zeros removed ("0" when none are left). */
  readonly integer: string;
  /** Digits after the point ("" when there are none). */
  readonly fraction: string;
  readonly base: 2 | 10;
  /** The power of `base` the suffix stands for. */
  readonly exponent: number;
  readonly format: QuantityFormat;
}

/** A value `mantissa * 10^exponent`, with the format it prints in. */
interface Amount {
  readonly mantissa: bigint;
  readonly exponent: number;
  readonly format: QuantityFormat;
}

const DECIMAL_SI: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
/** Binary suffixes by power of 1024 (index 0: no suffix). */
const BINARY_SI = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
/** Sign, leading zeros, integer digits, fraction digits, suffix: the scanner's cuts. */
const SCAN = /^([+-]?)0*([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[+-]?[0-9]*)$/;
/** Binary quantities are capped at the largest int64; decimal ones are not. */
const MAX_INT64 = 2n ** 63n - 1n;
/** Quantities keep nine decimal places at most ("nano"); finer values round away from zero. */
const NANO = -9;

/**
 * The string the API server prints for `value` once a Go controller has read and written it back:
 * `1024Mi` -> `1Gi`, `0.5Gi` -> `512Mi`, `1000m` -> `1`, `1.5` -> `1500m`, `2000000` -> `2M`.
 * Canonical input comes back unchanged, character for character (even `+1Gi` or `007`, as
 * apimachinery keeps the text of a quantity it needs no rewriting for).
 * Throws for a string that is not a quantity; validate user input with `parseQuantity` first.
 */
export function canonicalQuantity(value: string): string {
  return remembered(canonicalTexts, value, canonicalText);
}

function canonicalText(value: string): string {
  const scanned = QUANTITY.test(value) ? scanQuantity(value) : undefined;
  if (scanned === undefined) {
    throw new Error(`${show(value)} is not a Kubernetes quantity: write it like "4Gi", "500m" or "2"`);
  }
  if (keepsItsText(scanned)) return value;
  return printAmount(boundedAmount(scanned));
}

/** Cuts a quantity string like apimachinery's parseQuantityString and interprets its suffix. */
function scanQuantity(value: string): ScannedQuantity | undefined {
  const match = typeof value === 'string' && value !== '' ? SCAN.exec(value) : null;
  if (!match) return undefined;
  const suffix = interpretSuffix(match[4]);
  if (!suffix) return undefined;
  return { negative: match[1] === '-', integer: match[2] || '0', fraction: match[3] ?? '', ...suffix };
}

function interpretSuffix(suffix: string): Pick<ScannedQuantity, 'base' | 'exponent' | 'format'> | undefined {
  if (suffix in DECIMAL_SI) return { base: 10, exponent: DECIMAL_SI[suffix], format: 'DecimalSI' };
  const power = BINARY_SI.indexOf(suffix);
  if (power > 0) return { base: 2, exponent: 10 * power, format: 'BinarySI' };
  const exponent = /^[eE]([+-]?[0-9]+)$/.exec(suffix);
  // Go reads the exponent as an int64 and keeps 32 bits of it; wider ones are refused here.
  if (!exponent || Math.abs(Number(exponent[1])) > 2 ** 31 - 1) return undefined;
  return { base: 10, exponent: Number(exponent[1]), format: 'DecimalExponent' };
}

/**
 * Whether ParseQuantity keeps the original text for printing. It does so only on its int64 fast
 * path, and only for text already in canonical form: a binary quantity whose number is not a
 * multiple of 8, or a decimal one whose exponent is a multiple of 3 and whose digits neither end
 * in 000 nor start with the integer part 0.
 */
function keepsItsText(q: ScannedQuantity): boolean {
  if (q.format === 'BinarySI') {
    // Digits the fast path allows: 11 for Ki, 8 for Mi, 5 for Gi, 2 for Ti, none for Pi and Ei.
    const precision = 14 - q.integer.length - Math.trunc((q.exponent * 3) / 10);
    return q.fraction === '' && precision >= 0 && BigInt(q.integer) % 8n !== 0n;
  }
  const digits = q.integer + q.fraction;
  const scale = q.exponent - q.fraction.length;
  return digits.length <= 18 && scale >= NANO && scale % 3 === 0 && !digits.endsWith('000') && digits[0] !== '0';
}

/** The exact value, rounded up to nano and capped like ParseQuantity's slow path. */
function boundedAmount(q: ScannedQuantity): Amount {
  const sign = q.negative ? -1n : 1n;
  let mantissa = BigInt(q.integer + q.fraction) * (q.base === 2 ? 2n ** BigInt(q.exponent) : 1n);
  let exponent = (q.base === 10 ? q.exponent : 0) - q.fraction.length;
  if (exponent < NANO && mantissa !== 0n) {
    mantissa = divideAwayFromZero(mantissa, NANO - exponent);
    exponent = NANO;
  }
  if (q.format === 'BinarySI' && mantissa > MAX_INT64 * 10n ** BigInt(-exponent)) {
    return { mantissa: sign * MAX_INT64, exponent: 0, format: q.format };
  }
  return { mantissa: sign * mantissa, exponent, format: q.format };
}

/** `value / 10^places` rounded up (value >= 0, places > 0). */
function divideAwayFromZero(value: bigint, places: number): bigint {
  if (places > value.toString().length) return 1n;
  const divisor = 10n ** BigInt(places);
  return value / divisor + (value % divisor === 0n ? 0n : 1n);
}

/** CanonicalizeBytes: the suffix as large as possible without losing precision or printing a fraction. */
function printAmount(amount: Amount): string {
  if (amount.mantissa === 0n) return '0';
  if (amount.format === 'BinarySI') {
    const bytes = wholeBinaryAmount(amount);
    if (bytes !== undefined) {
      let power = 0;
      let number = bytes;
      while (number % 1024n === 0n) {
        number /= 1024n;
        power++;
      }
      return `${number}${BINARY_SI[power]}`;
    }
  }
  let { mantissa, exponent } = amount;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (amount.format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  // Go finds no decimal SI suffix above E (10^18) and then prints the number without one.
  const suffix = Object.keys(DECIMAL_SI).find((s) => DECIMAL_SI[s] === exponent) ?? '';
  return `${mantissa}${suffix}`;
}

/** The value as a whole number when it prints in binary SI; undefined for fractions and |value| < 1024, which print in decimal SI. */
function wholeBinaryAmount({ mantissa, exponent }: Amount): bigint | undefined {
  const scale = 10n ** BigInt(Math.max(0, -exponent));
  const whole = exponent >= 0 ? mantissa * 10n ** BigInt(exponent) : mantissa / scale;
  if (mantissa % scale !== 0n) return undefined;
  return whole > -1024n && whole < 1024n ? undefined : whole;
}
