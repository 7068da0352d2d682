/**
 * A shadow-casting light in a scene where nothing casts a shadow still costs: three renders its (empty)
 * shadow map and every receiving pixel compares against it. The night city is such a scene (its towers
 * cast nothing by moonlight, so its sun light's shadow only ever answered "lit"); on lavapipe those
 * lookups over the ground and facades are a measurable share of the frame. Call once the shot is
 * complete (particles and view layers added): lights whose shadows nobody casts stop casting.
 */
import type * as THREE from 'three/webgpu';

/** Turns off castShadow on every light when no visible mesh in `scene` casts one; returns how many. */
export function dropIdleShadows(scene: THREE.Object3D): number {
  let casters = 0;
  const lights: THREE.Light[] = [];
  scene.traverseVisible((o) => {
    if ((o as THREE.Light).isLight) {
      if (o.castShadow) lights.push(o as THREE.Light);
    } else if (o.castShadow && (o as THREE.Mesh).isMesh) {
      casters++;
    }
  });
  if (casters > 0) return 0;
  for (const light of lights) light.castShadow = false;
  return lights.length;
}
