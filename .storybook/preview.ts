import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { argTypesFromManifest } from './manifest-arg-types.ts';
import { manifest } from './manifest.ts';
import '@clientela/widgets/themes/light.css';
import '@clientela/widgets/themes/dark.css';
import './preview.css';
import { html } from 'lit';

// The manifests built from the elements' doc comments: each element's description comes from it, and its
// rows and controls too (manifest-arg-types.ts).
setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    docs: { extractArgTypes: argTypesFromManifest },
  },
  // The kit's two shipped themes, switched from the toolbar; a story can pin one with `globals: { theme: 'dark' }`.
  globalTypes: {
    theme: {
      description: 'Clientela theme',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [
    (story, { globals }) => html`<div class="theme-canvas" data-crm-theme=${globals.theme === 'dark' ? 'dark' : 'light'}>${story()}</div>`,
  ],
};

export default preview;
