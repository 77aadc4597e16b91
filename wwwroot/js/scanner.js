// Camera scanning for the scan workspace. zxing-wasm (zxing-cpp compiled to WebAssembly) is
// served from /lib/zxing/ (no CDN: it must work offline on a pharmacy's LAN). Frames of the
// camera's video are drawn on a canvas and read as DataMatrix/QR; the first code found is
// handed to Blazor with its symbology identifier (]d2 = GS1 DataMatrix), the camera stops,
// and the device beeps and vibrates.
const ZXING_JS = '/lib/zxing/zxing-reader.iife.js';
const ZXING_WASM = '/lib/zxing/zxing_reader.wasm';

let zxingReady = null;
let session = null;

function loadZXing() {
  if (zxingReady) return zxingReady;
  zxingReady = new Promise((resolve, reject) => {
    if (window.ZXingWASM) { resolve(window.ZXingWASM); return; }
    const script = document.createElement('script');
    script.src = ZXING_JS;
    script.onload = () => resolve(window.ZXingWASM);
    script.onerror = () => reject(new Error('The barcode reader could not be loaded from ' + ZXING_JS + '.'));
    document.head.appendChild(script);
  }).then(async (zx) => {
    zx.prepareZXingModule({
      overrides: { locateFile: (path, prefix) => path.endsWith('.wasm') ? ZXING_WASM : prefix + path },
      fireImmediately: true,
    });
    await zx.getZXingModule();
    return zx;
  });
  zxingReady.catch(() => { zxingReady = null; });
  return zxingReady;
}

/** Why the camera cannot be used, before asking for it: 'insecure', 'unsupported' or null. */
export function precheck() {
  if (!window.isSecureContext) return 'insecure';
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return 'unsupported';
  return null;
}

/**
 * Opens the camera (rear camera preferred) into <video>, reads frames until a code is found.
 * options.continuous: keep scanning after a read (bulk receive); the same code is not
 * reported again within 2 s.
 */
export async function start(video, dotnet, options) {
  stop();
  const continuous = !!(options && options.continuous);
  const problem = precheck();
  if (problem) { await dotnet.invokeMethodAsync('OnCameraError', problem, ''); return false; }
  let zx;
  try { zx = await loadZXing(); }
  catch (e) { await dotnet.invokeMethodAsync('OnCameraError', 'reader', String(e && e.message || e)); return false; }

  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
  } catch (e) {
    const name = e && e.name;
    const kind = name === 'NotAllowedError' || name === 'SecurityError' ? 'denied'
      : name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError' ? 'nocamera'
      : name === 'NotReadableError' ? 'busy' : 'other';
    await dotnet.invokeMethodAsync('OnCameraError', kind, String(e && e.message || e));
    return false;
  }

  const me = { stream, video, dotnet, stopped: false, last: '', lastAt: 0, canvas: document.createElement('canvas') };
  session = me;
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  video.muted = true;
  try { await video.play(); } catch (e) { /* autoplay of a muted stream is allowed; ignore */ }
  const ctx = me.canvas.getContext('2d', { willReadFrequently: true });

  const tick = async () => {
    if (me.stopped) return;
    if (video.readyState >= 2 && video.videoWidth > 0) {
      const scale = Math.min(1, 960 / Math.max(video.videoWidth, video.videoHeight));
      const w = Math.round(video.videoWidth * scale), h = Math.round(video.videoHeight * scale);
      if (me.canvas.width !== w) { me.canvas.width = w; me.canvas.height = h; }
      ctx.drawImage(video, 0, 0, w, h);
      let results = [];
      try {
        results = await zx.readBarcodes(ctx.getImageData(0, 0, w, h), {
          formats: ['DataMatrix', 'QRCode'], textMode: 'Plain', tryHarder: true, maxNumberOfSymbols: 1,
        });
      } catch (e) { results = []; }
      const hit = results.find(r => r.isValid && r.text);
      if (hit && !me.stopped) {
        const now = performance.now();
        const raw = (hit.symbologyIdentifier || '') + hit.text;
        if (!(continuous && raw === me.last && now - me.lastAt < 2000)) {
          me.last = raw; me.lastAt = now;
          feedback();
          if (!continuous) stop();
          try { await dotnet.invokeMethodAsync('OnCameraRead', hit.text, hit.symbologyIdentifier || '', hit.format || ''); }
          catch (e) { /* the page may have gone */ }
        }
      }
    }
    if (!me.stopped) setTimeout(tick, 30);
  };
  tick();
  return true;
}

export function stop() {
  const me = session;
  session = null;
  if (!me) return;
  me.stopped = true;
  for (const track of me.stream.getTracks()) track.stop();
  if (me.video) me.video.srcObject = null;
}

export function isRunning() { return !!session; }

/** A short beep and a vibration, so that a read is noticed without looking at the screen. */
export function feedback() {
  try { if (navigator.vibrate) navigator.vibrate(120); } catch (e) { /* not on this device */ }
  try {
    const Audio = window.AudioContext || window.webkitAudioContext;
    if (!Audio) return;
    const audio = feedback.audio || (feedback.audio = new Audio());
    const osc = audio.createOscillator(), gain = audio.createGain();
    osc.type = 'square'; osc.frequency.value = 1760; gain.gain.value = 0.08;
    osc.connect(gain); gain.connect(audio.destination);
    osc.start(); osc.stop(audio.currentTime + 0.12);
  } catch (e) { /* no sound: fine */ }
}
