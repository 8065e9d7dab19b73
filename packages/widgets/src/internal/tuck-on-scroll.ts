import type { ReactiveController, ReactiveControllerHost } from 'lit';


/**
 * Keeps a button fixed in a corner of a narrow screen off the content the
 * shopper is reading: it slides away while the page scrolls down and comes
 * back when it scrolls up, reaches its end, or `show()` is called (news
 * arrives). On a wide screen it stays put, beside the page's column.
 */
export class TuckOnScroll implements ReactiveController {
  tucked = false;
  #lastY = 0;
  /** Screens narrow enough that a button fixed in a corner sits on the page's own content; asked once, read on each scroll. */
  readonly #narrow = matchMedia('(max-width: 40rem)');
  readonly #host: ReactiveControllerHost;
  readonly #onScroll = () => this.#follow();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    this.#lastY = scrollY;
    addEventListener('scroll', this.#onScroll, { passive: true });
  }

  hostDisconnected(): void {
    removeEventListener('scroll', this.#onScroll);
  }

  show(): void {
    this.#set(false);
  }

  #follow(): void {
    const delta = scrollY - this.#lastY;
    // A few pixels of drift (a bounce, a lazy image) is not the shopper scrolling.
    if (Math.abs(delta) < 8) return;
    this.#lastY = scrollY;
    const atEnd = innerHeight + scrollY >= document.documentElement.scrollHeight - 2;
    this.#set(delta > 0 && !atEnd && this.#narrow.matches);
  }

  #set(tucked: boolean): void {
    if (tucked === this.tucked) return;
    this.tucked = tucked;
    this.#host.requestUpdate();
  }
}
