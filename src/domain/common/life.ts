/** Life of an entity: alive -> dying -> dead -> removed (the row goes away). */
export const Life = {
  Alive: 'alive',
  Dying: 'dying',
  Dead: 'dead',
} as const;
export type LifeValue = (typeof Life)[keyof typeof Life];

/** Narrows a stored string to a life value. */
export function parseLife(value: string): LifeValue {
  if (value === Life.Alive || value === Life.Dying || value === Life.Dead) return value;
  throw new Error(`unknown life ${JSON.stringify(value)}`);
}
