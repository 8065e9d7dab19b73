import { fileURLToPath } from 'node:url';

/** The widget bundles the server serves under /widgets/ (from src/ and from dist/ alike: both sit two folders below packages/). */
export const widgetsDist = fileURLToPath(new URL('../../widgets/dist/', import.meta.url));
