import { fileURLToPath } from 'node:url';

/** Folders of the repository the server serves files from. */
export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const widgetsDist = fileURLToPath(new URL('../../widgets/dist/', import.meta.url));
export const demoDist = fileURLToPath(new URL('../../../demo/dist/', import.meta.url));
