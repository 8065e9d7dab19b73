// The staff elements are documented exactly as the shopper widgets are: the same analysis, the same rules.
export { default } from '../widgets/custom-elements-manifest.config.mjs';
