/** The OpenClaw release a deployment pins: an image tag, a package.json dependency. Pure text helpers. */

/** An OpenClaw release as written in a tag or a pin: `2026.9.6`, `v2026.3.2-beta.1`, `2026.3` (a minor line). */
const RELEASE = /^v?(\d{4}\.\d{1,4}(?:\.\d{1,6})?)(?:[-+][\w.-]{0,64})?$/;

/**
 * The release an image reference pins, when it is OpenClaw's image (`ghcr.io/openclaw/openclaw`, `openclaw/openclaw`,
 * `openclaw`): `'latest'` for `:latest` or no tag, the version for a version tag, `null` for another tag (a branch
 * name, `${VERSION}`: not known here); `undefined` for any other image. Split at the last `:` after the last `/`
 * and matched from the tag's start (an unanchored search for a version would backtrack).
 */
export function openclawImageRelease(image: string): string | null | undefined {
  const ref = image.trim().split('@')[0] ?? '';
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  const name = colon > slash ? ref.slice(0, colon) : ref;
  if (!/(^|\/)openclaw(\/openclaw)?$/.test(name.toLowerCase())) return undefined;
  if (colon <= slash) return 'latest';
  const tag = ref.slice(colon + 1);
  if (tag === 'latest') return 'latest';
  return RELEASE.exec(tag)?.[1] ?? null;
}

/** The release a `package.json` pins for the `openclaw` package (`"openclaw": "2026.3.2"`, `^2026.3.2`, `~2026.3.2`). */
export function packageJsonRelease(text: string): string | undefined {
  let pkg: unknown;
  try {
    pkg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!pkg || typeof pkg !== 'object') return undefined;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const deps = (pkg as Record<string, unknown>)[field];
    const spec = deps && typeof deps === 'object' ? (deps as Record<string, unknown>).openclaw : undefined;
    if (typeof spec !== 'string') continue;
    const m = RELEASE.exec(spec.trim().replace(/^(\^|~|=|>=)\s*/, ''));
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** A `meta.lastTouchedVersion` value as a release. */
export function releaseOf(text: string): string | undefined {
  return RELEASE.exec(text.trim())?.[1];
}
