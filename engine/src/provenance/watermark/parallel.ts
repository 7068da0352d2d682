/**
 * The watermark on worker threads: the same embedder (same bytes out) run on several frames at once.
 * On one thread, marking a 1920x1080 frame took 13 to 15 ms on the GPU machine, more than rendering it,
 * and capped a job at ~45 fps; the frames are independent (the embedder keeps no state between them), so
 * they are handed round a small pool. Each frame's buffer moves to the worker and back without a copy.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { RushesError } from '@rushes/shared';
import { frameBytes, frameLayout, framePixels, type Frame } from '../../generators/types';
import type { FrameTransform, JobIdentity } from '../types';
import { DEFAULT_EMBED, type EmbedOptions } from './embed';
import type { EmbedWorkerData, EmbedWorkerReply, EmbedWorkerRequest } from './embed-worker';
import { payloadFor, type WatermarkPayload } from './layout';
import { startWorker } from '../../worker-thread';

/**
 * Workers for a machine: a third of its CPUs, 1 to 6. The rest are for the renderer's own threads and
 * the encoder. On the 16-CPU GPU machine that is 5, and the job loop stopped waiting on the mark.
 */
export function defaultEmbedWorkers(cpus = os.availableParallelism()): number {
  return Math.min(6, Math.max(1, Math.floor(cpus / 3)));
}

interface Task {
  id: number;
  frame: Frame;
  resolve: () => void;
  reject: (e: Error) => void;
}

export class ParallelWatermarkEmbedder implements FrameTransform {
  readonly parallelism: number;
  payload: WatermarkPayload | undefined;
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly busy = new Map<Worker, Task>();
  private nextId = 1;
  private failure: Error | null = null;
  private width = 0;
  private height = 0;

  constructor(
    workers = defaultEmbedWorkers(),
    private readonly options: EmbedOptions = DEFAULT_EMBED,
  ) {
    this.parallelism = Math.max(1, Math.floor(workers));
  }

  begin(identity: JobIdentity, width: number, height: number): void {
    this.beginWithPayload(payloadFor(identity), width, height);
  }

  /** begin() for a payload chosen directly (benchmarks, tests). */
  beginWithPayload(payload: WatermarkPayload, width: number, height: number): void {
    if (this.workers.length) throw new RushesError('E_INTERNAL', 'ParallelWatermarkEmbedder.begin() was called twice.');
    this.payload = payload;
    this.width = width;
    this.height = height;
    const data: EmbedWorkerData = { payload, width, height, options: this.options };
    for (let i = 0; i < this.parallelism; i++) {
      const w = startWorker(__dirname, 'embed-worker', { workerData: data });
      // An idle worker does not keep the process alive (end() stops it); one marking a frame does (ref()
      // in dispatch), or a script whose only pending work is a frame could exit under it.
      w.unref();
      w.on('message', (m: EmbedWorkerReply) => this.settle(w, m));
      w.on('error', (e) => this.fail(new RushesError('E_INTERNAL', `A watermark worker failed: ${e.message}`)));
      w.on('exit', (code) => {
        if (this.workers.includes(w)) this.fail(new RushesError('E_INTERNAL', `A watermark worker stopped (exit code ${code}).`));
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  apply(frame: Frame): Promise<void> {
    if (!this.payload) return Promise.reject(new RushesError('E_INTERNAL', 'ParallelWatermarkEmbedder.apply() was called before begin().'));
    if (this.failure) return Promise.reject(this.failure);
    const layout = frameLayout(frame);
    const expected = frameBytes(layout, this.width, this.height);
    const got = framePixels(frame).length;
    if (got !== expected) {
      return Promise.reject(new RushesError('E_INTERNAL', `ParallelWatermarkEmbedder: a ${layout} frame is ${got} bytes, expected ${expected}.`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, frame, resolve, reject });
      this.dispatch();
    });
  }

  async end(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.idle = [];
    this.fail(new RushesError('E_INTERNAL', 'The watermark workers were stopped.'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(w, task);
      w.ref();
      const pixels = framePixels(task.frame);
      // Move the buffer when the frame owns all of it (the renderers' readback does); else copy it.
      const own = pixels.byteOffset === 0 && pixels.byteLength === pixels.buffer.byteLength && !(pixels.buffer instanceof SharedArrayBuffer);
      const sent = own ? pixels : pixels.slice();
      const msg: EmbedWorkerRequest = { id: task.id, index: task.frame.index, layout: frameLayout(task.frame), pixels: sent };
      w.postMessage(msg, [sent.buffer as ArrayBuffer]);
    }
  }

  private settle(w: Worker, m: EmbedWorkerReply): void {
    const task = this.busy.get(w);
    if (!task || task.id !== m.id) return;
    this.busy.delete(w);
    w.unref();
    if (this.workers.includes(w)) this.idle.push(w);
    if (m.ok) {
      if (task.frame.layout === 'yuv420p') task.frame.yuv = m.pixels;
      else task.frame.rgba = m.pixels;
      task.resolve();
    } else {
      task.reject(new RushesError('E_INTERNAL', `The watermark could not be embedded in frame ${task.frame.index}: ${m.message}`));
    }
    this.dispatch();
  }

  /** Rejects every frame waiting or in work; later apply() calls reject at once. */
  private fail(e: Error): void {
    this.failure ??= e;
    for (const t of this.queue.splice(0)) t.reject(this.failure);
    for (const t of this.busy.values()) t.reject(this.failure);
    this.busy.clear();
  }
}
