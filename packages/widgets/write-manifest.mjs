// Writes custom-elements.json from the components (`npm run manifest`), or,
// with --check, fails when the checked-in file differs from what the
// components say now (`npm run manifest:check`, part of `npm test`).
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeOrCheck } from '../../scripts/generated-file.mjs';

const packageDir = fileURLToPath(new URL('.', import.meta.url));
const target = path.join(packageDir, 'custom-elements.json');

const manifest = await cli({ argv: ['analyze', '--quiet'], cwd: packageDir, noWrite: true });
const fresh = `${JSON.stringify(manifest, null, 2)}\n`;

await writeOrCheck(target, fresh, { sources: "components' doc comments", command: 'npm run manifest' });
