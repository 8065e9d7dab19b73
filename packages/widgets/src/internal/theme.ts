import { css, unsafeCSS } from 'lit';

/**
 * What every widget's styles start from. Each reads the global `--crm-*`
 * tokens, so a merchant themes the whole kit from one place; components add
 * their own properties on `:host` that fall back to these. Every fallback is
 * the light theme's value: packages/widgets/themes/light.css lists them all.
 */
export const baseStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--crm-font-family, inherit);
    font-size: var(--crm-font-size, inherit);
    color: var(--crm-color-text, #1f2937);
    line-height: 1.4;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  [hidden] {
    display: none !important;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--crm-radius-control, 999px);
    border: 1px solid var(--crm-color-accent, #4338ca);
    background: var(--crm-color-surface, #ffffff);
    color: var(--crm-color-accent, #4338ca);
    padding: 0.35em 0.9em;
  }

  :is(button, input, select, textarea, summary):focus-visible {
    outline: var(--crm-focus-ring, 3px solid #2563eb);
    outline-offset: 2px;
  }

  .skeleton {
    display: inline-block;
    border-radius: 0.4em;
    background: linear-gradient(90deg, var(--crm-color-skeleton, #e5e7eb) 0%, var(--crm-color-skeleton-shine, #f3f4f6) 50%, var(--crm-color-skeleton, #e5e7eb) 100%);
    background-size: 200% 100%;
    animation: crm-shimmer 1.4s ease-in-out infinite;
  }

  @keyframes crm-shimmer {
    from {
      background-position: 100% 0;
    }
    to {
      background-position: -100% 0;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
  }
`;

/** The tier badge, coloured per tier: `<span part="tier" data-tier="top">`. */
export const tierBadgeStyles = css`
    [part='tier'] {
      display: inline-flex;
      align-items: center;
      padding: 0.15em 0.7em;
      border-radius: 999px;
      font-size: 0.8125em;
      font-weight: 600;
      color: var(--crm-tier-color, var(--crm-color-text, #1f2937));
      background: var(--crm-tier-background, var(--crm-color-border, #e5e7eb));
    }

    [part='tier'][data-tier='top'] {
      --crm-tier-background: var(--crm-tier-top-background, #dbeafe);
      --crm-tier-color: var(--crm-tier-top-color, #1e3a8a);
    }
    [part='tier'][data-tier='large'] {
      --crm-tier-background: var(--crm-tier-large-background, #fef3c7);
      --crm-tier-color: var(--crm-tier-large-color, #78350f);
    }
    [part='tier'][data-tier='medium'] {
      --crm-tier-background: var(--crm-tier-medium-background, #e5e7eb);
      --crm-tier-color: var(--crm-tier-medium-color, #374151);
    }
    [part='tier'][data-tier='small'] {
      --crm-tier-background: var(--crm-tier-small-background, #fde2cf);
      --crm-tier-color: var(--crm-tier-small-color, #7c2d12);
    }
`;

/**
 * The box of a widget drawn as a card (the greeting, the statement, the
 * points, the wishlist): its surface, border, corners and padding, from the
 * widget's own `--crm-<name>-background`, `-accent`, `-border` and `-radius`
 * (declared here on `:host`, falling back to the global tokens; a widget adds
 * its own); its title and section headings; its main actions (`class="primary"`,
 * filled with its accent, hollow while disabled); and the message and
 * placeholders of its loading, signed-out, empty and error states
 * (state-views.ts). Each widget adds its own layout.
 */
export function cardStyles(name: 'greeting' | 'statement' | 'points' | 'wishlist' | 'privacy') {
  const own = (property: string) => unsafeCSS(`--crm-${name}-${property}`);
  return css`
    :host {
      display: block;
      ${own('background')}: var(--crm-color-surface, #ffffff);
      ${own('accent')}: var(--crm-color-accent, #4338ca);
      ${own('border')}: var(--crm-color-border, #e5e7eb);
      ${own('radius')}: var(--crm-radius, 0.75rem);
    }

    [part='base'] {
      background: var(${own('background')});
      border: 1px solid var(${own('border')});
      border-radius: var(${own('radius')});
      padding: var(--crm-space, 1rem);
    }

    h2 {
      margin: 0;
      font-size: 1.25em;
    }

    h3 {
      margin: 0 0 0.5rem;
      font-size: 1em;
    }

    .primary {
      background: var(${own('accent')});
      border-color: var(${own('accent')});
      color: var(--crm-color-accent-contrast, #ffffff);
    }

    .primary:disabled {
      background: transparent;
      color: var(--crm-color-muted, #4b5563);
      border-color: var(${own('border')});
      cursor: not-allowed;
    }

    [part='message'] {
      margin: 0;
    }

    .skeleton.block,
    .skeleton.line {
      display: block;
    }

    .skeleton.line {
      height: 1.1rem;
      margin-block: 0.4rem;
    }
  `;
}
