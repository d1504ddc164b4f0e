/**
 * JSON columns: values are stored as JSON text so TEXT stays the only column
 * type needed for structured data on SQLite and PostgreSQL alike.
 */

/** Serialises a column value. */
export function toJson(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Parses a JSON column, falling back when the column is empty or NULL. */
export function fromJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || text === '') return fallback;
  // Most JSON columns hold their empty default; status reads decode thousands of them.
  if (text === '{}') return {} as T;
  if (text === '[]') return [] as T;
  return JSON.parse(text) as T;
}

/** Parses a JSON object column into a plain record. */
export function fromJsonRecord(text: unknown): Record<string, unknown> {
  const value = fromJson<unknown>(text, {});
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
