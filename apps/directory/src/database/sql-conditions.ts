/**
 * The WHERE of a query built from optional filters (searches), with its positional
 * parameters: every value goes in as `$n`, never into the text. Each condition is
 * parenthesised, so one holding an OR stays one condition.
 */
export class SqlConditions {
  readonly values: unknown[] = [];
  private readonly conditions: string[] = [];

  /** The placeholder (`$n`) of a new parameter holding the value. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  and(condition: string): this {
    this.conditions.push(`(${condition})`);
    return this;
  }

  /** `WHERE (a) AND (b)`, or nothing when no filter applies. */
  where(): string {
    return this.conditions.length > 0 ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}
