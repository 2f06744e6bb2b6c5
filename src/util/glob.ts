import picomatch from 'picomatch';

const compiled = new Map<string, (value: string) => boolean>();

/**
 * Whether `value` matches one glob, with the glob compiled once per process: `picomatch.isMatch`
 * compiles the pattern again on every call. Patterns come from the catalog and the user's settings,
 * so the cache stays small; it is emptied if it ever grows large.
 */
export function matchesGlob(value: string, pattern: string): boolean {
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = picomatch(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, matcher);
  }
  return matcher(value);
}

/**
 * One regular expression for a list of globs, tested once per path: a picomatch matcher for a list
 * calls one matcher per glob. Paths are `/`-separated, as picomatch expects them.
 */
export function globListMatcher(globs: readonly string[], options: { dot?: boolean } = {}): (value: string) => boolean {
  if (globs.length === 0) return () => false;
  const combined = new RegExp(globs.map((glob) => `(?:${picomatch.makeRe(glob, options).source})`).join('|'));
  return (value) => combined.test(value);
}
