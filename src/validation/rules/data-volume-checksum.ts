import { CDI_WEBHOOKS, dataVolumeSpecs, isMap } from './data-volume/specs';
import { show } from '../../common/errors';
import { Rule, RuleSource } from '../rule';

// Hex digits of each digest CDI verifies.
const HEX_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

/** Why CDI refuses a checksum (`algorithm:hex`, algorithm and digest trimmed and case-blind), or undefined. */
function checksumProblem(checksum: string): string | undefined {
  const colon = checksum.indexOf(':');
  if (colon < 0) return 'is not "algorithm:hash"';
  const algorithm = checksum.slice(0, colon).trim().toLowerCase();
  const hash = checksum.slice(colon + 1).trim().toLowerCase();
  if (hash === '') return 'has no hash after the colon';
  const length = HEX_LENGTHS[algorithm];
  if (length === undefined) return `names algorithm ${show(algorithm)}, not md5, sha1, sha256 or sha512`;
  if (hash.length !== length) return `has a ${algorithm} hash of ${hash.length} characters, not ${length}`;
  if (!/^[0-9a-f]*$/.test(hash)) return `has a ${algorithm} hash that is not hexadecimal`;
  return undefined;
}

/** An http source's checksum is `algorithm:hex` with a digest CDI can verify. */
export const dataVolumeChecksum: Rule = {
  id: 'data-volume-checksum',
  order: 1087,
  summary: 'an http DataVolume source\'s `checksum` is `md5:`, `sha1:`, `sha256:` or `sha512:` followed by the digest in hex, as CDI\'s DataVolume webhook requires',
  // Upstream functions: validateChecksum (util.go) and checksum.ParseAndValidate (pkg/util/checksum/checksum.go).
  reference: `${CDI_WEBHOOKS}/util.go#L242-L255`,
  source: RuleSource.CDI,
  check(context) {
    const listed = dataVolumeSpecs(context);
    for (let n = 0; n < listed.length; n++) {
      const view = listed[n];
      const { index, spec } = view;
      const checksum = isMap(spec.source) && isMap(spec.source.http) ? spec.source.http.checksum : undefined;
      if (typeof checksum !== 'string' || checksum === '') continue;
      const problem = checksumProblem(checksum);
      if (!problem) continue;
      context.error(index, `${view.path}.source.http.checksum`,
        `http source of ${view.holder} has checksum ${show(checksum)}, which CDI refuses (it ${problem}): write the algorithm and the digest in hex, e.g. "sha256:" followed by the 64 characters of sha256sum's output`);
    }
  },
};
