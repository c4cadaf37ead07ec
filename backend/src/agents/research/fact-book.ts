import type { Fact, ResearchSource } from '@sdr/shared';

/**
 * The facts of one report, numbered as they are written (f1, f2…). Every other part of the report cites them by
 * id, so a sentence can only say what some fact says, and the reader can follow any claim to its source.
 */
export class FactBook {
  readonly #facts: Fact[] = [];
  readonly #byStatement = new Map<string, string>();

  /** Records a fact (once: the same statement from the same source keeps its first id) and returns its id. */
  add(statement: string, value: Fact['value'], source: ResearchSource): string {
    const key = `${source.name}|${source.url ?? ''}|${statement}`;
    const known = this.#byStatement.get(key);
    if (known) return known;
    const id = `f${this.#facts.length + 1}`;
    this.#facts.push({ id, statement, value, source });
    this.#byStatement.set(key, id);
    return id;
  }

  get facts(): Fact[] {
    return [...this.#facts];
  }

  has(id: string): boolean {
    return this.#facts.some((fact) => fact.id === id);
  }

  get(id: string): Fact | undefined {
    return this.#facts.find((fact) => fact.id === id);
  }

  /** Each source once, in the order first cited. */
  get sources(): ResearchSource[] {
    const seen = new Map<string, ResearchSource>();
    for (const { source } of this.#facts) seen.set(`${source.name}|${source.url ?? ''}`, source);
    return [...seen.values()];
  }
}
