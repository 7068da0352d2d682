/**
 * The generators this engine can run, and which one answers when a request names none.
 */
import { RushesError, type GeneratorInfo } from '@rushes/shared';
import type { Generator } from './types';

export class GeneratorRegistry {
  private readonly byId = new Map<string, Generator>();
  private defaultGenerator: string | null = null;

  add(g: Generator, makeDefault = false): this {
    this.byId.set(g.info.id, g);
    if (makeDefault || !this.defaultGenerator) this.defaultGenerator = g.info.id;
    return this;
  }

  get(id: string): Generator {
    const g = this.byId.get(id);
    if (!g) {
      throw new RushesError('E_UNSUPPORTED', `No generator "${id}". This engine has: ${[...this.byId.keys()].join(', ')}.`);
    }
    return g;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  defaultId(): string {
    if (!this.defaultGenerator) throw new RushesError('E_INTERNAL', 'No generator is installed.');
    return this.defaultGenerator;
  }

  all(): Generator[] {
    return [...this.byId.values()];
  }

  infos(): GeneratorInfo[] {
    return this.all().map((g) => ({ ...g.info, isDefault: g.info.id === this.defaultGenerator }));
  }
}
