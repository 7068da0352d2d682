/**
 * Reading the message back: chip soft values -> coded-bit soft values -> soft Viterbi -> CRC check.
 */
import { CRC_BITS, crc24, convEncode, viterbiDecode } from './ecc';
import { CODED_BITS, MESSAGE_BITS, PAYLOAD_BITS, bitsToPayload, tileLayout, type WatermarkPayload } from './layout';

export interface MessageRead {
  payload: WatermarkPayload;
  crcOk: boolean;
  /** Fraction of the 188 coded bits whose hard decision agrees with the re-encoded decoded message. */
  bitAgreement: number;
  /** Soft values of the coded bits (positive = 1), for diagnostics and benchmarks. */
  soft: Float64Array;
}

export function codedSoftValues(chips: Float64Array): Float64Array {
  const { dataChip, dataBit, dataSign, scramble } = tileLayout();
  const soft = new Float64Array(CODED_BITS);
  for (let k = 0; k < dataChip.length; k++) {
    const b = dataBit[k] as number;
    soft[b] = (soft[b] as number) + (chips[dataChip[k] as number] as number) * (dataSign[k] as number);
  }
  for (let b = 0; b < CODED_BITS; b++) if (scramble[b]) soft[b] = -(soft[b] as number);
  return soft;
}

export function readMessage(chips: Float64Array): MessageRead {
  const soft = codedSoftValues(chips);
  const msg = viterbiDecode(soft, MESSAGE_BITS);
  const payloadBits = msg.slice(0, PAYLOAD_BITS);
  let crc = 0;
  for (let i = 0; i < CRC_BITS; i++) crc = (crc << 1) | (msg[PAYLOAD_BITS + i] as number);
  const crcOk = crc24(payloadBits) === crc;
  const recoded = convEncode(msg);
  let agree = 0;
  for (let b = 0; b < CODED_BITS; b++) if (((soft[b] as number) > 0 ? 1 : 0) === recoded[b]) agree++;
  return { payload: bitsToPayload(payloadBits), crcOk, bitAgreement: agree / CODED_BITS, soft };
}
