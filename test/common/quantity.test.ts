import { Size } from 'cdk8s';
import * as fc from 'fast-check';
import { byteQuantity, parseQuantity, sizeToQuantity } from '../../src/common/quantity';

describe('parseQuantity', () => {
  test.each([
    ['4Gi', 4 * 2 ** 30], ['512Mi', 512 * 2 ** 20], ['1.5Gi', 1.5 * 2 ** 30], ['1G', 1e9], ['500m', 0.5],
    ['2', 2], ['1e3', 1000], ['+1Ki', 1024], ['-1', -1], ['.5', 0.5],
  ])('%s = %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value);
  });

  test.each(['4GB', '4 Gi', 'Gi', '', '1.2.3', '4gi', 'lots'])('%j is not a quantity', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
  });
});

describe('sizeToQuantity', () => {
  test.each([
    [Size.gibibytes(4), '4Gi'], [Size.mebibytes(1536), '1536Mi'], [Size.tebibytes(2), '2Ti'],
    [Size.kibibytes(3), '3Ki'], [Size.mebibytes(1024), '1Gi'], [Size.kibibytes(0.5), '512'], [Size.kibibytes(1.5), '1536'], [Size.gibibytes(0), '0'],
  ])('%o renders %s', (size, text) => {
    expect(sizeToQuantity(size)).toBe(text);
  });

  test('property: any whole number of KiB renders to a quantity of exactly that many bytes', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (kib) => {
      const text = sizeToQuantity(Size.kibibytes(kib));
      expect(text).toMatch(/^[1-9]\d*(Ki|Mi|Gi|Ti)$/);
      expect(parseQuantity(text)).toBe(kib * 1024);
    }));
  });
});

describe('byteQuantity', () => {
  test('accepts Sizes and quantity strings', () => {
    expect(byteQuantity(Size.gibibytes(2))).toEqual({ quantity: '2Gi' });
    expect(byteQuantity('30Gi')).toEqual({ quantity: '30Gi' });
  });

  test.each([
    ['4GB', 'is not a Kubernetes quantity (Kubernetes writes "4Gi", not "4GB"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['512 mb', 'is not a Kubernetes quantity (Kubernetes writes "512Mi", not "512 mb"): write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['big', 'is not a Kubernetes quantity: write it like "4Gi" or "512Mi", or pass Size.gibibytes(4)'],
    ['0', 'must be greater than zero'],
    ['-1Gi', 'must be greater than zero'],
  ])('%j: %s', (text, problem) => {
    expect(byteQuantity(text)).toEqual({ problem });
  });

  test('rejects values that are neither', () => {
    expect(byteQuantity(4 as unknown as string)).toEqual({ problem: 'must be a cdk8s Size (e.g. Size.gibibytes(4)) or a quantity string such as "4Gi"' });
  });
});
