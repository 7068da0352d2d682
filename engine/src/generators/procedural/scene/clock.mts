/**
 * A twin-bell alarm clock facing the lens, its second hand ticking: a round case on two legs, two bells
 * and a hammer on top, a white dial with hour and minute marks. The hands keep time from a start near
 * 10:08 (the watchmaker's pose); the second hand jumps once a second with a little overshoot, as a
 * quartz movement's does (clockHands is the pure part).
 */
import * as THREE from 'three/webgpu';
import { makeMaterial, partAdder } from './common.mjs';
import type { Material } from '../plan/schema.js';

/** How long a tick of the second hand takes, in seconds. */
export const TICK_SECONDS = 0.1;

/** The standard ease-out-back: 0 at 0, 1 at 1, overshooting by about 10% on the way. */
function easeOutBack(x: number): number {
  const c1 = 1.70158;
  const c3 = c1 + 1;
  return 1 + c3 * Math.pow(x - 1, 3) + c1 * Math.pow(x - 1, 2);
}

/**
 * The hands' angles (radians, clockwise from 12) at `seconds` past midnight. The second hand shows the
 * last whole second, jumping to the next one over TICK_SECONDS; the minute and hour hands glide.
 */
export function clockHands(seconds: number): { hour: number; minute: number; second: number } {
  const whole = Math.floor(seconds);
  const frac = seconds - whole;
  const step = frac < TICK_SECONDS ? easeOutBack(frac / TICK_SECONDS) : 1;
  const turn = Math.PI * 2;
  return {
    second: (turn * ((((whole - 1 + step) % 60) + 60) % 60)) / 60,
    minute: turn * ((seconds / 3600) % 1),
    hour: turn * ((seconds / 43200) % 1),
  };
}

export interface AlarmClock {
  group: THREE.Group;
  height: number;
  /** Sets the hands for `t` seconds into the clip. */
  update(t: number): void;
}

export function createAlarmClock(caseColour: THREE.Color, material: Material, seed: number): AlarmClock {
  const group = new THREE.Group();
  const body = makeMaterial(material, caseColour);
  const chrome = makeMaterial('chrome', new THREE.Color('#ffffff'));
  // The bells brushed rather than mirrored: as chrome they showed the studio's soft boxes as polka dots.
  const brushed = makeMaterial('metal', new THREE.Color('#d9dadc'));
  const dark = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#16181b'), roughness: 0.5 });
  const add = partAdder(group);
  const centreY = 1.2;
  // The case: a drum facing +z, a chrome bezel round the dial.
  add(new THREE.CylinderGeometry(0.9, 0.9, 0.5, 72).rotateX(Math.PI / 2), body).position.set(0, centreY, 0);
  add(new THREE.TorusGeometry(0.85, 0.07, 16, 72), chrome).position.set(0, centreY, 0.26);
  const dial = new THREE.Group();
  dial.position.set(0, centreY, 0.255);
  group.add(dial);
  add(new THREE.CircleGeometry(0.82, 72), new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#f4f1ea'), roughness: 0.6 }), dial);
  // Marks: twelve bold, the minutes between thin.
  const marks = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), dark, 60);
  const m4 = new THREE.Matrix4();
  for (let k = 0; k < 60; k++) {
    const bold = k % 5 === 0;
    const a = (k / 60) * Math.PI * 2;
    const r = bold ? 0.66 : 0.71;
    m4.compose(
      new THREE.Vector3(r * Math.sin(a), r * Math.cos(a), 0.003),
      new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(0, 0, 1), -a),
      new THREE.Vector3(bold ? 0.045 : 0.014, bold ? 0.15 : 0.06, 1),
    );
    marks.setMatrixAt(k, m4);
  }
  dial.add(marks);
  // Hands, each pivoting at the dial's centre, drawn from the pivot outwards.
  const hand = (width: number, length: number, tail: number, m: THREE.Material, z: number) => {
    const pivot = new THREE.Group();
    pivot.position.z = z;
    add(new THREE.BoxGeometry(width, length + tail, 0.012).translate(0, (length - tail) / 2, 0), m, pivot);
    dial.add(pivot);
    return pivot;
  };
  const hourHand = hand(0.06, 0.42, 0.08, dark, 0.012);
  const minuteHand = hand(0.04, 0.62, 0.1, dark, 0.026);
  const secondHand = hand(0.016, 0.68, 0.18, new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#c8202a'), roughness: 0.4 }), 0.04);
  add(new THREE.CylinderGeometry(0.04, 0.04, 0.03, 24).rotateX(Math.PI / 2), chrome, dial).position.z = 0.05;
  // The glass over the dial.
  const glass = makeMaterial('glass', new THREE.Color('#ffffff'));
  glass.opacity = 0.15;
  const cover = new THREE.Mesh(new THREE.SphereGeometry(1.6, 48, 8, 0, Math.PI * 2, 0, 0.55).rotateX(Math.PI / 2), glass);
  cover.position.set(0, centreY, 0.26 - 1.6 * Math.cos(0.55));
  cover.renderOrder = 2;
  group.add(cover);
  // Bells, the hammer between them, the carrying ring; legs with ball feet.
  for (const side of [-1, 1]) {
    const bell = add(new THREE.SphereGeometry(0.36, 40, 16, 0, Math.PI * 2, 0, Math.PI / 2), brushed);
    bell.position.set(side * 0.5, centreY + 0.86, -0.05);
    bell.rotation.z = -side * 0.55;
    const leg = add(new THREE.CylinderGeometry(0.05, 0.04, 0.42, 16), chrome);
    leg.position.set(side * 0.52, 0.22, 0);
    leg.rotation.z = side * 0.45;
    add(new THREE.SphereGeometry(0.08, 16, 12), chrome).position.set(side * 0.62, 0.06, 0);
  }
  add(new THREE.CylinderGeometry(0.03, 0.03, 0.5, 12), chrome).position.set(0, centreY + 0.98, -0.05);
  add(new THREE.SphereGeometry(0.07, 16, 12), chrome).position.set(0, centreY + 1.25, -0.05);
  add(new THREE.TorusGeometry(0.3, 0.035, 12, 48, Math.PI), chrome).position.set(0, centreY + 0.9, -0.3);

  const start = 10 * 3600 + 8 * 60 + 20 + (Math.abs(seed) % 30);
  return {
    group,
    height: centreY + 1.35,
    update(t) {
      const h = clockHands(start + t);
      hourHand.rotation.z = -h.hour;
      minuteHand.rotation.z = -h.minute;
      secondHand.rotation.z = -h.second;
    },
  };
}
