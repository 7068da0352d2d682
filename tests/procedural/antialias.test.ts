/**
 * Antialiasing where the backend has no MSAA (render/fxaa-lite.mts, folded into the output pass): a
 * slanted edge, of the scene and of the text overlay, must come out with its coverage spread over the
 * pixels it crosses, not as a staircase. Measured against the edge's exact geometry: summed down a
 * column, a pixel's coverage is the area under the edge in that column, the edge's height at the
 * column's centre. Point sampling steps it a whole pixel at a time (RMS 0.28 px about the line); an
 * antialiased edge follows the line much more closely. Flat areas must pass through untouched.
 */
import { strict as assert } from 'node:assert';
import { importProcedural } from '../helpers/esm';
import { deviceOrSkip } from '../helpers/gpu';

type OutputModule = typeof import('../../engine/src/generators/procedural/render/output.mjs', { with: { 'resolution-mode': 'import' } });

/* eslint-disable @typescript-eslint/no-explicit-any */
const W = 256;
const H = 144;
// A shallow slope is where stair steps are longest (five pixels a step here).
const SLOPE = 0.2;
const EDGE_AT_0 = 50; // the edge's height above the bottom of the frame at x = 0, in pixels
// Linear levels where PBR Neutral tone mapping is affine (x - 0.04 from 0.08 to 0.76), so the output
// decodes back to a linear measure of coverage; the levels themselves are read from the frame.
const BACKGROUND = 0.15;
const FOREGROUND = 0.65;
const grade = { exposure: 0, toneMapping: 'neutral', saturation: 1, vignette: 0, grain: 0, transfer: 'srgb' } as const;

const srgbToLinear = (v: number): number => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** How far the edge's measured coverage strays along it from the exact one (RMS over columns, about the mean), and how many columns have a mid-tone pixel. */
function edgeError(rgba: Uint8Array): { rms: number; midColumns: number; columns: number } {
  const level = (x: number, y: number) => srgbToLinear(rgba[(y * W + x) * 4 + 1]!);
  let background = 0;
  let foreground = 0;
  for (let x = 0; x < W; x++) {
    background += level(x, 2) / W;
    foreground += level(x, H - 3) / W;
  }
  const errors: number[] = [];
  let midColumns = 0;
  let columns = 0;
  for (let x = 8; x < W - 8; x++) {
    let covered = 0;
    let mid = false;
    for (let y = 0; y < H; y++) {
      const c = Math.min(1, Math.max(0, (level(x, y) - background) / (foreground - background)));
      covered += c;
      if (c > 0.15 && c < 0.85) mid = true;
    }
    const exact = EDGE_AT_0 + SLOPE * (x + 0.5);
    errors.push(covered - exact);
    if (mid) midColumns++;
    columns++;
  }
  // A shift of the whole edge is invisible (and the HDR-weighted blend darkens edges a little): what
  // shows is the error's variation along the edge, the staircase.
  const mean = errors.reduce((a, b) => a + b, 0) / columns;
  const rms = Math.sqrt(errors.reduce((a, e) => a + (e - mean) ** 2, 0) / columns);
  return { rms, midColumns, columns };
}

describe('procedural/antialiasing without MSAA', function () {
  this.timeout(60_000);

  it('spreads a slanted edge over the pixels it crosses, in the scene and in the overlay, and leaves flat areas alone', async function () {
    const { THREE, TSL, host: hostModule, gpu } = await deviceOrSkip(this);
    const { createOutputPipeline } = await importProcedural<OutputModule>('render/output.mts');
    const host = await hostModule.createRenderHost(gpu, W, H);
    const ring = new hostModule.ReadbackRing(gpu.device, W, H, 1);
    try {
      // An orthographic camera in pixel units, y up: pixel row r (from the top) is centred at H - r - 0.5.
      const camera = new THREE.OrthographicCamera(0, W, H, 0, 0.1, 10);
      camera.position.z = 5;
      const halfPlane = (color: number, opacity = 1) => {
        // A large quad whose top edge is the line y = EDGE_AT_0 + SLOPE * x.
        const material = new THREE.MeshBasicNodeMaterial({ transparent: opacity < 1 });
        material.colorNode = TSL.vec4(TSL.vec3(color), opacity);
        const mesh = new THREE.Mesh(new THREE.PlaneGeometry(4 * W, 4 * W), material);
        const angle = Math.atan(SLOPE);
        mesh.rotation.z = angle;
        // Place the quad's top edge on the line: its centre is 2W below the edge point at x = 0, along the normal.
        mesh.position.set(0 + 2 * W * Math.sin(angle), EDGE_AT_0 - 2 * W * Math.cos(angle), 0);
        return mesh;
      };
      const render = async (pipeline: { render(): void }) => {
        pipeline.render();
        ring.push(host.currentTexture(), 0);
        return (await ring.pop()).pixels;
      };

      // The scene: the half plane on a background of the same colour family.
      const scene = new THREE.Scene();
      scene.background = new THREE.Color(BACKGROUND, BACKGROUND, BACKGROUND);
      scene.add(halfPlane(FOREGROUND));
      const antialiased = createOutputPipeline(host.renderer, scene, camera, { grade: grade as any, msaa: false, depthOfField: null, overlay: null });
      // Point sampled, for comparison: the scene pass straight to the output, graded the same way.
      const raw = new THREE.RenderPipeline(host.renderer);
      raw.outputColorTransform = false;
      raw.outputNode = TSL.vec4(TSL.sRGBTransferOETF(TSL.pass(scene, camera).getTextureNode('output').rgb), 1);
      const a = edgeError(await render(antialiased.pipeline));
      const s = edgeError(await render(raw));
      // Measured: antialiased 0.117 px with a mid-tone in 192 of 240 columns; point sampled 0.283 px, none.
      assert.ok(s.rms > 0.2 && s.midColumns < 10, `the point-sampled reference is a staircase (RMS ${s.rms.toFixed(3)}, ${s.midColumns} mid-tone columns)`);
      assert.ok(a.rms < 0.6 * s.rms, `the antialiased edge follows the line (RMS ${a.rms.toFixed(3)} px, point sampled ${s.rms.toFixed(3)})`);
      assert.ok(a.midColumns > 0.7 * a.columns, `mid-tones along the edge in ${a.midColumns} of ${a.columns} columns`);

      // Flat areas pass through: well away from the edge every pixel is the background or the foreground.
      const frame = await render(antialiased.pipeline);
      // PBR Neutral takes 0.04 off levels between 0.08 and 0.76; then the sRGB curve.
      const expected = (level: number) => Math.round(255 * (1.055 * (level - 0.04) ** (1 / 2.4) - 0.055));
      for (const [x, y, level] of [[20, 10, BACKGROUND], [200, 130, FOREGROUND], [2, 2, BACKGROUND], [W - 1, H - 1, FOREGROUND]] as const) {
        const v = frame[(y * W + x) * 4 + 1]!;
        assert.ok(Math.abs(v - expected(level)) <= 1, `pixel (${x}, ${y}) is ${v}, expected ${expected(level)} (+-1 for the dither)`);
      }
      antialiased.dispose();
      raw.dispose();

      // The overlay (titles): the same edge, drawn premultiplied over a flat background, antialiased by its alpha.
      const back = new THREE.Scene();
      back.background = new THREE.Color(BACKGROUND, BACKGROUND, BACKGROUND);
      const overlay = new THREE.Scene();
      overlay.add(halfPlane(FOREGROUND));
      const withOverlay = createOutputPipeline(host.renderer, back, camera, { grade: grade as any, msaa: false, depthOfField: null, overlay: { scene: overlay, camera } });
      const o = edgeError(await render(withOverlay.pipeline));
      withOverlay.dispose();
      assert.ok(o.rms < 0.6 * s.rms, `the overlay's edge follows the line (RMS ${o.rms.toFixed(3)} px)`);
      assert.ok(o.midColumns > 0.7 * o.columns, `overlay mid-tones in ${o.midColumns} of ${o.columns} columns`);
    } finally {
      await ring.dispose();
      host.dispose();
      gpu.close();
    }
  });
});
