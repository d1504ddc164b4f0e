import type { TestController } from '../test/helpers/controller-fixture.js';
export interface Breakdown { lines: string[] }
export function deployBreakdown(_c: TestController, _s: unknown, _t: Date): Breakdown { return { lines: [] }; }
export function formatBreakdown(b: Breakdown): string { return b.lines.join('\n'); }
