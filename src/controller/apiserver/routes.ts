/** Path patterns like `/model/:uuid/charms` or `/introspection/*`, matched segment by segment. */

/** A compiled path pattern. */
export interface PathPattern {
  readonly source: string;
  match(pathname: string): Record<string, string> | null;
}

/**
 * Compiles a pattern. `:name` matches one non-empty segment (URL-decoded into
 * `params.name`); a final `*` matches the rest of the path (into `params['*']`).
 */
export function compilePathPattern(pattern: string): PathPattern {
  if (!pattern.startsWith('/'))
    throw new Error(`route pattern ${JSON.stringify(pattern)} must start with "/"`);
  const segments = pattern.split('/').slice(1);
  const wildcard = segments[segments.length - 1] === '*';
  const fixed = wildcard ? segments.slice(0, -1) : segments;
  return {
    source: pattern,
    match(pathname: string): Record<string, string> | null {
      const parts = pathname.split('/').slice(1);
      if (wildcard ? parts.length < fixed.length : parts.length !== fixed.length) return null;
      const params: Record<string, string> = {};
      for (let i = 0; i < fixed.length; i++) {
        const want = fixed[i] ?? '';
        const got = parts[i] ?? '';
        if (want.startsWith(':')) {
          if (got === '') return null;
          try {
            params[want.slice(1)] = decodeURIComponent(got);
          } catch {
            return null;
          }
        } else if (want !== got) {
          return null;
        }
      }
      if (wildcard) params['*'] = parts.slice(fixed.length).join('/');
      return params;
    },
  };
}
