import { css, html, LitElement } from 'lit';

/** The weight floor: the smallest useful Lit element, built exactly as the widgets are. */
export class LitFloor extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;
  static override properties = { name: { type: String } };
  declare name: string;

  protected override render() {
    return html`<p>Hello, ${this.name}</p>`;
  }
}

customElements.define('lit-floor', LitFloor);
