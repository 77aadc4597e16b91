// Copies the zxing-wasm reader (one JS file and its .wasm, same version) from node_modules into
// wwwroot/lib/zxing/, where the scan page loads them. Run after `npm ci` when package.json changes:
//   npm ci && npm run copy-assets
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const from = join(root, 'node_modules', 'zxing-wasm');
const to = join(root, 'wwwroot', 'lib', 'zxing');
mkdirSync(to, { recursive: true });
copyFileSync(join(from, 'dist', 'iife', 'reader', 'index.js'), join(to, 'zxing-reader.iife.js'));
copyFileSync(join(from, 'dist', 'reader', 'zxing_reader.wasm'), join(to, 'zxing_reader.wasm'));
copyFileSync(join(from, 'LICENSE'), join(to, 'LICENSE'));
const version = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')).version;
writeFileSync(join(to, 'VERSION'), `zxing-wasm ${version} (MIT, see LICENSE)\n`);
console.log(`zxing-wasm ${version} copied to ${to}`);
