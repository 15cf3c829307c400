import type { Command } from './command';
// Skeleton; the numerics issue (#3) implements it.
export const command: Command = { name: 'fit', summary: 'fit', help: () => 'polyact fit (not yet implemented)', run: () => { throw new Error('not implemented'); } };
