import { Size } from 'cdk8s';
import * as fc from 'fast-check';
import { byteQuantity, canonicalQuantity, parseQuantity, sizeToQuantity } from '../../src/common/quantity';

describe('parseQuantity', () => {
  test.each([
    ['4Gi', 4 * 2 ** 30], ['512Mi', 512 * 2 ** 20], ['1.5Gi', 1.5 * 2 ** 30], ['1G', 1e9], ['500m', 0.5],
    ['2', 2], ['1e3', 1000], ['+1Ki', 1024], ['-1', -1], ['.5', 0.5],
  ])('%s = %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  // "1e1.5" fits the CRD schemas' pattern, but apimachinery's parser refuses it.
  test.each(['4GB', '4 Gi', 'Gi', '', '1.2.3', '4gi', 'lots', '1e1.5'])('%j is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

/*
 * Expected values: what k8s.io/apimachinery pkg/api/resource (v0.34.2, the version KubeVirt
 * v1.9.0 builds with) prints after json.Unmarshal and json.Marshal of a Quantity. The first
 * table is TestQuantityParseEmit of quantity_test.go@v0.34.2, verbatim, with its negated
 * variants ("-" + in -> "-" + expect). The second takes every input of TestQuantityParse
 * (same file); that test states values, not strings, so the printed form is derived from
 * quantity.go (ParseQuantity, CanonicalizeBytes, MarshalJSON) and was checked by running that
 * code. The third covers the values this library writes and the edges of the algorithm.
 */
describe('canonicalQuantity', () => {
  const parseEmit: Array<[string, string]> = [
    ['1Ki', '1Ki'], ['1Mi', '1Mi'], ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1000M', '1G'],
    ['.001Ki', '1024m'], ['.000001Ki', '1024u'], ['.000000001Ki', '1024n'], ['.000000000001Ki', '2n'],
  ];
  test.each([...parseEmit, ...parseEmit.map(([input, expected]): [string, string] => [`-${input}`, `-${expected}`])])(
    'upstream TestQuantityParseEmit: %s prints %s', (input, expected) => {
      expect(canonicalQuantity(input)).toBe(expected);
    });

  test.each([
    // Zero in every suffix prints as a bare 0.
    ['0', '0'], ['0n', '0'], ['0u', '0'], ['0m', '0'], ['0Ki', '0'], ['0k', '0'], ['0Mi', '0'], ['0M', '0'],
    ['0Gi', '0'], ['0G', '0'], ['0Ti', '0'], ['0T', '0'],
    ['1', '1'], ['1Ki', '1Ki'], ['8Ki', '8Ki'], ['7Mi', '7Mi'], ['6Gi', '6Gi'], ['5Ti', '5Ti'], ['4Pi', '4Pi'], ['3Ei', '3Ei'],
    ['10Ti', '10Ti'], ['100Ti', '100Ti'],
    ['5n', '5n'], ['4u', '4u'], ['3m', '3m'], ['9', '9'], ['8k', '8k'], ['50k', '50k'], ['7M', '7M'], ['6G', '6G'],
    ['5T', '5T'], ['40T', '40T'], ['300T', '300T'], ['2P', '2P'], ['1E', '1E'],
    // Decimal exponents keep their format; an exponent that is not a multiple of 3 is lowered to one.
    ['1E-3', '1E-3'], ['1e3', '1e3'], ['1E6', '1E6'], ['1e9', '1e9'], ['1E12', '1E12'], ['1e15', '1e15'], ['1E18', '1E18'],
    ['1e14', '100e12'], ['1e13', '10e12'], ['100.035k', '100.035k'],
    ['0.001', '1m'], ['0.0005k', '500m'], ['0.005', '5m'], ['0.05', '50m'], ['0.5', '500m'], ['0.00050k', '500m'],
    ['0.00500', '5m'], ['0.05000', '50m'], ['0.50000', '500m'], ['0.5e0', '500e-3'], ['0.5e-1', '50e-3'], ['0.5e-2', '5e-3'],
    ['10.035M', '10.035M'], ['1.2e3', '1200'], ['1.3E+6', '1300e3'], ['1.40e9', '1400e6'], ['1.53E12', '1530e9'],
    ['1.6e15', '1600e12'], ['1.7E18', '1700e15'],
    ['9.01', '9010m'], ['8.1k', '8100'], ['7.123456M', '7.123456M'], ['6.987654321G', '6.987654321G'], ['5.444T', '5.444T'],
    ['40.1T', '40100G'], ['300.2T', '300200G'], ['2.5P', '2500T'], ['1.01E', '1010P'],
    // Finer than nano rounds up (away from zero); binary quantities are capped at the largest int64.
    ['3.001n', '4n'], ['1.1E-9', '2e-9'], ['0.0000000001', '1n'], ['0.0000000005', '1n'], ['0.00000000050', '1n'],
    ['0.5e-9', '1e-9'], ['0.9n', '1n'], ['0.00000012345', '124n'], ['0.00000012354', '124n'],
    ['9Ei', '9223372036854775807'], ['9223372036854775807Ki', '9223372036854775807'], ['12E', '12E'],
    // Fractional binary quantities print in decimal SI unless they are a whole number of bytes.
    ['100.035Ki', '102435840m'], ['0.5Mi', '512Ki'], ['0.05Gi', '53687091200m'], ['0.025Ti', '27487790694400m'],
    ['0.000000000001Ki', '2n'], ['.001', '1m'], ['.0001k', '100m'], ['1.', '1.'], ['1.G', '1.G'],
  ])('upstream TestQuantityParse input %s prints %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  test.each([
    // Memory and disk sizes as users write them.
    ['1024Mi', '1Gi'], ['2048Mi', '2Gi'], ['1536Mi', '1536Mi'], ['0.5Gi', '512Mi'], ['12.5Gi', '12800Mi'], ['4096Ki', '4Mi'],
    ['1024Ti', '1Pi'], ['2000M', '2G'], ['1.5G', '1500M'], ['2000000', '2M'], ['1048576', '1048576'],
    // Binary values below 1024, or not whole bytes, print in decimal SI.
    ['1.5Ki', '1536'], ['1.1Ki', '1126400m'], ['1023Ki', '1023Ki'], ['512', '512'], ['1023.5', '1023500m'], ['1024', '1024'], ['1025', '1025'],
    // CPU amounts.
    ['1000m', '1'], ['0.5', '500m'], ['1.5', '1500m'], ['0.25', '250m'], ['250m', '250m'], ['100m', '100m'], ['0.1', '100m'], ['0.1m', '100u'],
    // Zero and negative values.
    ['0.0', '0'], ['-0', '0'], ['-0Gi', '0'], ['-1', '-1'], ['-1000m', '-1'], ['-1.5Gi', '-1536Mi'], ['-0.1n', '-1n'],
    ['-8Ei', '-9223372036854775807'],
    // Exponents.
    ['1000e0', '1e3'], ['1.5e3', '1500'], ['2.5e-3', '2500e-6'], ['1e-30', '1e-9'],
    // Values beyond int64 stay exact (no floating point), in decimal formats.
    ['123456789012345678901234', '123456789012345678901234'], ['8Ei', '9223372036854775807'],
    // Go keeps canonical text as written, sign and leading zeros included; it recomputes the rest.
    ['+1Gi', '+1Gi'], ['+1.5Gi', '1536Mi'], ['007', '007'], ['1.500G', '1.500G'],
    // apimachinery has no decimal SI suffix above E and prints the bare number: 10^21 comes back as 1.
    ['1000E', '1'],
  ])('%s prints %s', (input, expected) => {
    expect(canonicalQuantity(input)).toBe(expected);
  });

  // The invalid inputs of upstream TestQuantityParse, plus the CRD pattern's refusals.
  test.each(['1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 ', '', '.', '-', '1e1.5', '4GB'])(
    '%j is refused', (input) => {
      expect(() => canonicalQuantity(input)).toThrow(`${JSON.stringify(input)} is not a Kubernetes quantity: write it like "4Gi", "500m" or "2"`);
    });

  test('property: the printed form prints as itself', () => {
    const suffixes = ['', 'm', 'k', 'M', 'G', 'Ki', 'Mi', 'Gi', 'Ti', 'e3', 'e-2'];
    fc.assert(fc.property(
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat({ max: 12 }), fc.constantFrom(...suffixes),
      (digits, decimals, suffix) => {
        const text = digits.toString().replace(/^(-?)(\d+)$/, (_, sign: string, d: string) => {
          const padded = d.padStart(decimals + 1, '0');
          return decimals === 0 ? `${sign}${padded}` : `${sign}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
        }) + suffix;
        const canonical = canonicalQuantity(text);
        expect(canonicalQuantity(canonical)).toBe(canonical);
      }));
  });

  test('property: a whole number of bytes keeps its exact value', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 2n ** 62n }), (bytes) => {
      const canonical = canonicalQuantity(`${bytes}`);
      const match = /^(\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/.exec(canonical)!;
      const factor = new Map<string, bigint>([
        ['', 1n], ['k', 10n ** 3n], ['M', 10n ** 6n], ['G', 10n ** 9n], ['T', 10n ** 12n], ['P', 10n ** 15n], ['E', 10n ** 18n],
        ['Ki', 2n ** 10n], ['Mi', 2n ** 20n], ['Gi', 2n ** 30n], ['Ti', 2n ** 40n], ['Pi', 2n ** 50n], ['Ei', 2n ** 60n],
      ]);
      expect(BigInt(match[1]) * factor.get(match[2] ?? '')!).toBe(bytes);
    }));
  });
});

describe('sizeToQuantity', () => {
  test.each([
    [Size.gibibytes(4), '4Gi'], [Size.mebibytes(1536), '1536Mi'], [Size.tebibytes(2), '2Ti'], [Size.tebibytes(1024), '1Pi'],
    [Size.kibibytes(3), '3Ki'], [Size.mebibytes(1024), '1Gi'], [Size.kibibytes(0.5), '512'], [Size.kibibytes(1.5), '1536'], [Size.gibibytes(0), '0'],
    // 2000000 bytes is not a whole number of KiB: decimal SI, as the API server prints it.
    [Size.kibibytes(1953.125), '2M'], [Size.kibibytes(0.9765625), '1k'],
  ])('%o renders %s', (size, text) => {
    expect(sizeToQuantity(size)).toBe(text);
  });

  test('property: any whole number of KiB renders to a canonical quantity of exactly that many bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (kib) => {
      const text = sizeToQuantity(Size.kibibytes(kib));
      expect(text).toMatch(/^[1-9]\d*(Ki|Mi|Gi|Ti|Pi)$/);
      expect(parseQuantity(text)).toBe(kib * 1024);
      expect(canonicalQuantity(text)).toBe(text);
    }));
  });
});

describe('byteQuantity', () => {
  test('accepts Sizes and quantity strings', () => {
    expect(byteQuantity(Size.gibibytes(2))).toEqual({ quantity: '2Gi' });
    expect(byteQuantity('30Gi')).toEqual({ quantity: '30Gi' });
  });

  test('returns the text as written (for messages); renderers print it with canonicalQuantity', () => {
    expect(byteQuantity('1024Mi')).toEqual({ quantity: '1024Mi' });
  });

  test.each([
    ['4GB', 'is not a Kubernetes quantity (Kubernetes writes "4Gi", not "4GB"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['512 mb', 'is not a Kubernetes quantity (Kubernetes writes "512Mi", not "512 mb"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['big', 'is not a Kubernetes quantity: write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['1e1.5', 'is not a Kubernetes quantity: write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['0', 'must be greater than zero'],
    ['-1Gi', 'must be greater than zero'],
  ])('%j: %s', (text, problem) => {
    expect(byteQuantity(text)).toEqual({ problem });
  });

  test('rejects values that are neither', () => {
    expect(byteQuantity(4 as unknown as string)).toEqual({ problem: 'must be a cdk8s Size (e.g. Size.gibibytes(4)) or a quantity string such as "4Gi"' });
  });
});
