// Reads every PNG/JPEG in a folder with zxing-wasm (the browser decoder the app serves from
// wwwroot/lib/zxing), the same way the camera page does (DataMatrix and QR, tryHarder), and
// prints {file: [texts]} as JSON. Usage: node zxing-read.mjs <wwwroot/lib/zxing> <folder>
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const [zxingFolder, photoFolder] = process.argv.slice(2);
const context = { console, WebAssembly, URL, TextDecoder, TextEncoder, setTimeout, clearTimeout, performance, Blob, ImageData: class {} };
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(zxingFolder, 'zxing-reader.iife.js'), 'utf8') + ';globalThis.ZXingWASM = ZXingWASM;', context);
const zxing = context.ZXingWASM;
await zxing.prepareZXingModule({ overrides: { wasmBinary: fs.readFileSync(path.join(zxingFolder, 'zxing_reader.wasm')) }, fireImmediately: true });

const results = {};
for (const file of fs.readdirSync(photoFolder).filter(f => /\.(png|jpg)$/.test(f)).sort()) {
  // zxing-wasm decodes the image file itself (no browser canvas in node).
  const codes = await zxing.readBarcodes(new Uint8Array(fs.readFileSync(path.join(photoFolder, file))),
    { formats: ['DataMatrix', 'QRCode'], textMode: 'Plain', tryHarder: true });
  results[file] = codes.filter(c => c.isValid).map(c => c.text);
}
console.log(JSON.stringify(results));
