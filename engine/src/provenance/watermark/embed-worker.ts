/**
 * One watermark worker thread: holds a WatermarkEmbedder set up for one job's payload and frame size,
 * and marks the frames it is sent, handing each buffer back. Failures go back as messages.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WatermarkEmbedder, type EmbedOptions } from './embed';
import type { WatermarkPayload } from './layout';
import { frameOf, type FrameLayout } from '../../generators/types';

export interface EmbedWorkerData {
  payload: WatermarkPayload;
  width: number;
  height: number;
  options: EmbedOptions;
}
export interface EmbedWorkerRequest {
  id: number;
  index: number;
  layout: FrameLayout;
  pixels: Uint8Array;
}
export type EmbedWorkerReply = { id: number; ok: true; pixels: Uint8Array } | { id: number; ok: false; message: string };

if (parentPort) {
  const port = parentPort;
  const data = workerData as EmbedWorkerData;
  const embedder = new WatermarkEmbedder(data.options);
  embedder.beginWithPayload(data.payload, data.width, data.height);
  port.on('message', (m: EmbedWorkerRequest) => {
    let reply: EmbedWorkerReply;
    try {
      embedder.apply(frameOf(m.index, m.layout, m.pixels));
      reply = { id: m.id, ok: true, pixels: m.pixels };
    } catch (e) {
      reply = { id: m.id, ok: false, message: (e as Error).message };
    }
    port.postMessage(reply, reply.ok ? [reply.pixels.buffer as ArrayBuffer] : []);
  });
}
