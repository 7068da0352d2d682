/**
 * Reading the message back: chip soft values -> coded-bit soft values -> soft Viterbi -> CRC check
 * (or a list of the most likely messages, checked in order: readMessageList).
 */
import { CRC_BITS, crc24, convEncode, listViterbiDecode, viterbiDecode } from './ecc';
import { CODED_BITS, MESSAGE_BITS, PAYLOAD_BITS, bitsToPayload, payloadBitsOfMessage, tileLayout, type WatermarkPayload } from './layout';

export interface MessageRead {
  payload: WatermarkPayload;
  crcOk: boolean;
  /** Fraction of the 188 coded bits whose hard decision agrees with the re-encoded decoded message. */
  bitAgreement: number;
  /** Soft values of the coded bits (positive = 1), for diagnostics and benchmarks. */
  soft: Float64Array;
  /** Place in the list decoder's ranking of the message read (1 = the Viterbi path). */
  rank: number;
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
  return messageRead(viterbiDecode(soft, MESSAGE_BITS), soft, 1);
}

/**
 * CRC-aided list decoding: the `listSize` most likely messages in order, the first whose CRC passes.
 * Makes up to `listSize` CRC checks (each a 2^-24 chance for noise to pass), all of which the caller
 * must count. Without a pass, the Viterbi path's read (crcOk false).
 */
export function readMessageList(chips: Float64Array, listSize: number): MessageRead {
  const soft = codedSoftValues(chips);
  const list = listViterbiDecode(soft, MESSAGE_BITS, listSize);
  for (let i = 0; i < list.length; i++) {
    const read = messageRead(list[i] as Uint8Array, soft, i + 1);
    if (read.crcOk) return read;
  }
  return messageRead(list[0] as Uint8Array, soft, 1);
}

function messageRead(msg: Uint8Array, soft: Float64Array, rank: number): MessageRead {
  const payloadBits = payloadBitsOfMessage(msg);
  let crc = 0;
  for (let i = 0; i < CRC_BITS; i++) crc = (crc << 1) | (msg[PAYLOAD_BITS + i] as number);
  const crcOk = crc24(payloadBits) === crc;
  const recoded = convEncode(msg);
  let agree = 0;
  for (let b = 0; b < CODED_BITS; b++) if (((soft[b] as number) > 0 ? 1 : 0) === recoded[b]) agree++;
  return { payload: bitsToPayload(payloadBits), crcOk, bitAgreement: agree / CODED_BITS, soft, rank };
}
