/**
 * An audio visualizer, the motion-graphics element for music and podcast videos: a spectrum analyser's
 * bars dancing to a beat (each with a peak cap that falls back slowly), or a waveform line pulsing with
 * it. There is no audio: the "music" is a pattern from the seed at the tempo named (120 beats a minute
 * if none; the plan's count), a kick on every
 * beat in the low bands, a snare on two and four in the middle, hats on the off-beats up top, and a bass
 * line and a melody moving between bands; each band's level is the sum of those envelopes, so it rises
 * fast and decays slowly as a real analyser's does. spectrumAt is the pure part (a function of time
 * alone, so any frame can be drawn without the ones before it).
 */
import * as THREE from 'three/webgpu';
import { abs, float, max, mix, positionWorld, smoothstep, uniform, uv, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The tempo when none is named. */
export const BPM = 120;

export interface Song {
  /** Band (0..1 across the spectrum) of the bass note and of the melody note on each eighth, over 8 beats. */
  bass: number[];
  melody: number[];
}

/** A two-bar pattern from the seed's stream. */
export function songFrom(next: () => number): Song {
  return {
    bass: Array.from({ length: 16 }, () => 0.06 + next() * 0.12),
    melody: Array.from({ length: 16 }, () => 0.35 + next() * 0.35),
  };
}

const bump = (x: number, centre: number, width: number) => Math.exp(-(((x - centre) / width) ** 2));

/** Each of `bands` levels (0..1) at `t` seconds, at `bpm` beats a minute. */
export function spectrumAt(t: number, bands: number, song: Song, bpm = BPM): number[] {
  const BEAT = 60 / bpm;
  const inBeat = ((t % BEAT) + BEAT) % BEAT;
  const beat = Math.floor(t / BEAT);
  const eighth = Math.floor(t / (BEAT / 2));
  const inEighth = t - eighth * (BEAT / 2);
  const kick = Math.exp(-inBeat / 0.11);
  const snare = beat % 2 === 1 ? Math.exp(-inBeat / 0.16) : 0;
  const hat = Math.exp(-(((inBeat - BEAT / 2 + BEAT) % BEAT) / 0.05));
  const bass = song.bass[((eighth % 16) + 16) % 16]!;
  const melody = song.melody[((eighth % 16) + 16) % 16]!;
  const held = Math.exp(-inEighth / 0.35);
  const levels: number[] = [];
  for (let i = 0; i < bands; i++) {
    const x = (i + 0.5) / bands;
    const v =
      0.95 * kick * bump(x, 0.05, 0.12) +
      0.7 * snare * bump(x, 0.42, 0.22) +
      0.55 * hat * bump(x, 0.85, 0.15) +
      0.6 * held * bump(x, bass, 0.05) +
      0.5 * held * bump(x, melody, 0.04) +
      // A floor of noise that leans to the lows, as music's spectrum does.
      0.12 * (1 - x * 0.6) * (0.75 + 0.25 * Math.sin(t * 13.7 + i * 2.3));
    // Soft saturation, as an analyser's log scale has: loud bands crowd towards the top, never flat at it.
    levels.push(1 - Math.exp(-1.5 * v));
  }
  return levels;
}

/** Each band's peak cap: the highest level of the last second, falling back under gravity since it was set. */
export function peaksAt(t: number, bands: number, song: Song, bpm = BPM): number[] {
  const peaks = new Array<number>(bands).fill(0);
  const dt = 1 / 60;
  for (let k = 0; k <= 60; k++) {
    const levels = spectrumAt(t - k * dt, bands, song, bpm);
    const fall = 1.4 * (k * dt) ** 2;
    for (let i = 0; i < bands; i++) peaks[i] = Math.max(peaks[i]!, levels[i]! - fall);
  }
  return peaks;
}

export interface Equalizer {
  group: THREE.Group;
  update(t: number): void;
}

/** Bars (or a waveform) across a `width` by `height` screen, in `lead` at the foot shading to `top`. */
export function createEqualizer(next: () => number, lead: THREE.Color, top: THREE.Color, width: number, height: number, mode: 'bars' | 'wave', bpm = BPM): Equalizer {
  const group = new THREE.Group();
  const song = songFrom(next);
  const colourAt = (y: N): N => mix(vec3(lead.r, lead.g, lead.b), vec3(top.r, top.g, top.b), y);
  if (mode === 'bars') {
    const bands = 36;
    const span = width * 0.8;
    const pitch = span / bands;
    const barHeight = height * 0.55;
    const base = -height * 0.3;
    const barMat = new THREE.MeshBasicNodeMaterial();
    // Coloured by height on the screen (not along each bar): the loud bars reach the top colour.
    barMat.colorNode = colourAt(positionWorld.y.sub(base).div(barHeight).clamp(0, 1)) as N;
    const bars = new THREE.InstancedMesh(new THREE.PlaneGeometry(pitch * 0.72, barHeight).translate(0, barHeight / 2, 0), barMat, bands);
    const capMat = new THREE.MeshBasicNodeMaterial({ color: top.clone().lerp(new THREE.Color(1, 1, 1), 0.35) });
    const caps = new THREE.InstancedMesh(new THREE.PlaneGeometry(pitch * 0.72, height * 0.012), capMat, bands);
    group.add(bars, caps);
    const m = new THREE.Matrix4();
    return {
      group,
      update(t) {
        const levels = spectrumAt(t, bands, song, bpm);
        const peaks = peaksAt(t, bands, song, bpm);
        for (let i = 0; i < bands; i++) {
          const x = -span / 2 + (i + 0.5) * pitch;
          m.makeScale(1, Math.max(0.015, levels[i]!), 1).setPosition(x, base, 0);
          bars.setMatrixAt(i, m);
          m.makeTranslation(x, base + barHeight * Math.max(levels[i]!, peaks[i]!) + height * 0.015, 0);
          caps.setMatrixAt(i, m);
        }
        bars.instanceMatrix.needsUpdate = true;
        caps.instanceMatrix.needsUpdate = true;
      },
    };
  }
  // The waveform: a glowing line across the screen whose amplitude follows the spectrum's loudness, its
  // shape a sum of the song's notes, mirrored by a fainter echo.
  const samples = 400;
  const span = width * 0.86;
  const amp = height * 0.28;
  const positions = new Float32Array(samples * 2 * 3);
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  const index: number[] = [];
  for (let i = 0; i < samples - 1; i++) index.push(2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 1, 2 * i + 3, 2 * i + 2);
  geometry.setIndex(index);
  const uvs = new Float32Array(samples * 2 * 2);
  for (let i = 0; i < samples; i++) uvs.set([i / (samples - 1), 0, i / (samples - 1), 1], i * 4);
  geometry.setAttribute('uv', new THREE.BufferAttribute(uvs, 2));
  const lineMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
  // Bright along the middle of the ribbon, a soft glow to its edges.
  const across: N = abs(uv().y.sub(0.5)).mul(2);
  const glow: N = float(1).sub(smoothstep(0.0, 1.0, across)).pow(2).add(float(1).sub(smoothstep(0.0, 0.25, across)).mul(1.5));
  const energy = uniform(0);
  lineMat.colorNode = vec4(colourAt(uv().x).mul(glow).mul(max(energy, 0.35)), 1) as N;
  const line = new THREE.Mesh(geometry, lineMat);
  const echo = new THREE.Mesh(geometry, lineMat);
  echo.scale.set(1, -0.55, 1);
  echo.position.z = -0.01;
  group.add(line, echo);
  const thick = height * 0.03;
  return {
    group,
    update(t) {
      const levels = spectrumAt(t, 12, song, bpm);
      const loud = levels.reduce((a, b) => a + b, 0) / levels.length;
      energy.value = 0.6 + loud;
      for (let i = 0; i < samples; i++) {
        const s = i / (samples - 1);
        const x = -span / 2 + s * span;
        // Tapered to nothing at the ends; notes as sines at the bands' frequencies, moving with time.
        const taper = Math.sin(Math.PI * s);
        let y = 0;
        levels.forEach((l, k) => {
          y += l * Math.sin(s * (6 + k * 5) * Math.PI + t * (3 + k * 1.7) + k) / (1 + k * 0.4);
        });
        y *= amp * 0.45 * taper;
        positions.set([x, y - thick / 2, 0, x, y + thick / 2, 0], i * 6);
      }
      geometry.attributes.position!.needsUpdate = true;
      geometry.computeBoundingSphere();
    },
  };
}
