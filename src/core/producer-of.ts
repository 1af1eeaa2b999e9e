import { IAnyProducer } from 'cdk8s';

/**
 * A Lazy producer that renders `target` with a function given once per class, e.g.
 * `Lazy.any(new ProducerOf(this, VirtualMachine.specOf))`: an object of two fields, where
 * `{ produce: () => this._toKube() }` makes a closure and its context for every object (three
 * per VM of a fleet of thousands).
 */
export class ProducerOf<T> implements IAnyProducer {
  public constructor(private readonly target: T, private readonly render: (target: T) => unknown) {}

  public produce(): unknown {
    return this.render(this.target);
  }
}
