import { Store, type PortalState } from '../portal-state.ts';
import { ChatSession } from './chat-session.ts';
import { SupportPresence } from './support-presence.ts';

/**
 * The portal's support chat: the signed-in shopper's session, shared by
 * every chat element of the portal, with its event stream open while one of
 * them is on the page (which `SupportPresence` tells the other widgets). Sessions are kept per shopper while the portal lasts,
 * so signing out and back in finds the conversations and the outbox as they
 * were.
 */
export class ChatStore extends Store {
  readonly #sessions = new Map<string, ChatSession>();
  #session: ChatSession | undefined;
  readonly #onSession = () => this.changed();
  readonly #onShopper = () => this.#follow();

  constructor(portal: PortalState) {
    super(portal);
    portal.shopper.addEventListener('change', this.#onShopper);
    this.#follow();
  }

  /** The signed-in shopper's chat; undefined while nobody is signed in. */
  get session(): ChatSession | undefined {
    return this.#session;
  }

  protected override firstHeld(): void {
    this.portal.get(SupportPresence).set(true);
    this.#open();
  }

  protected override lastReleased(): void {
    this.portal.get(SupportPresence).set(false);
    this.#session?.stop();
  }

  override dispose(): void {
    this.portal.shopper.removeEventListener('change', this.#onShopper);
  }

  #follow(): void {
    const id = this.portal.shopper.id;
    let session: ChatSession | undefined;
    if (id !== null) {
      session = this.#sessions.get(id);
      if (!session) this.#sessions.set(id, (session = new ChatSession(this.portal.client, id)));
    }
    if (session !== this.#session) {
      this.#session?.removeEventListener('change', this.#onSession);
      this.#session?.stop();
      this.#session = session;
      session?.addEventListener('change', this.#onSession);
      if (this.held) this.#open();
    }
    // The chat shows where the shopper is at (signed out, loading, failed) too.
    this.changed();
  }

  #open(): void {
    this.#session?.start().catch((error: unknown) => this.fail(error));
  }
}
