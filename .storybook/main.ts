import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Docs pages for every element, from custom-elements.json: its attributes (each with a control), properties, events, slots, parts and CSS properties.
  addons: ['@storybook/addon-docs'],
  // The root vite.config.ts builds the widget library; Storybook builds an app of its own.
  core: { disableTelemetry: true, builder: { name: '@storybook/builder-vite', options: { viteConfigPath: '.storybook/vite.config.ts' } } },
};

export default config;
