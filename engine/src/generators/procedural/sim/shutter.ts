/**
 * The shutter: when, within an output frame, the camera records. A frame of clip time t with a shutter
 * of angle A at frame rate f is exposed from t - A/720/f to t + A/720/f (centred on the frame, as an
 * offline renderer's "centre on frame" blur, so a still frame of a moving shot shows the object where
 * the unblurred frame would). Motion blur renders the shot at `samples` instants spread evenly over that
 * interval (the middle of each of `samples` equal slices) and averages them in linear light.
 *
 * Pure and monotonic: the sub-frame times of frame i all come before those of frame i + 1 (for any angle
 * up to 360), which the forward-only simulations (physics, particles) need; times are clamped to the
 * clip's first and last frame, so nothing is simulated before the clip starts or after it ends.
 */

export interface Shutter {
  /** Degrees, 1..360: 180 is the film look, 360 a shutter open the whole frame. */
  angle: number;
  /** Instants rendered per output frame (1 = no motion blur). */
  samples: number;
}

/** Seconds the shutter stays open at this frame rate. */
export function exposureSeconds(angle: number, fps: { num: number; den: number }): number {
  return (angle / 360) * (fps.den / fps.num);
}

/** The clip times rendered for the frame at clip time `t`; `lastFrameTime` bounds them. */
export function subFrameTimes(t: number, shutter: Shutter, fps: { num: number; den: number }, lastFrameTime: number): number[] {
  const n = Math.max(1, Math.floor(shutter.samples));
  if (n === 1) return [t];
  const open = exposureSeconds(shutter.angle, fps);
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const tk = t + open * ((k + 0.5) / n - 0.5);
    out.push(Math.min(lastFrameTime, Math.max(0, tk)));
  }
  return out;
}
