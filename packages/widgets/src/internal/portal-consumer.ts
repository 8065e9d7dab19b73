import type { Client } from '@clientela/client';
import type { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { clientContext, consume, shopperContext, type ShopperState } from './context.ts';

export type Host = ReactiveControllerHost & HTMLElement;

/**
 * A controller that reads the enclosing portal's client and shopper and
 * calls `follow` whenever either changes (and when the host connects).
 */
export abstract class PortalConsumer implements ReactiveController {
  protected readonly host: Host;
  readonly #client: ContextConsumer<typeof clientContext, Host>;
  readonly #shopper: ContextConsumer<typeof shopperContext, Host>;

  constructor(host: Host) {
    this.host = host;
    this.#client = consume(host, clientContext, () => this.follow());
    this.#shopper = consume(host, shopperContext, () => this.follow());
    host.addController(this);
  }

  get client(): Client | undefined {
    return this.#client.value;
  }

  get shopper(): ShopperState {
    return this.#shopper.value ?? { status: 'signed-out' };
  }

  hostConnected(): void {
    this.follow();
  }

  /** Catches up with the portal's current client and shopper. */
  protected abstract follow(): void;
}
