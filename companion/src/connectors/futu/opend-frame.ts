/**
 * Futu OpenD's wire format (OpenAPI "协议设计"): every packet is a 44-byte header, little
 * endian, then the body.
 *
 *   u8[2]  szHeaderFlag  "FT"
 *   u32    nProtoID      1001 InitConnect, 1004 KeepAlive, 2001 Trd_GetAccList, 2101 Trd_GetFunds, 2102 Trd_GetPositionList,
 *                        2222 Trd_GetHistoryOrderFillList, 2225 Trd_GetOrderFee
 *   u8     nProtoFmtType 0 protobuf, 1 JSON (used here: no protobuf runtime needed)
 *   u8     nProtoVer     0
 *   u32    nSerialNo     increasing, echoed in the answer
 *   u32    nBodyLen
 *   u8[20] arrBodySHA1   SHA-1 of the (unencrypted) body; OpenD checks it
 *   u8[8]  arrReserved
 *
 * Shared by the connector and the simulator.
 */
import { createHash } from 'node:crypto';

export const HEADER_BYTES = 44;
export const PROTO_FMT_JSON = 1;

export const PROTO = {
  InitConnect: 1001,
  KeepAlive: 1004,
  TrdGetAccList: 2001,
  TrdGetFunds: 2101,
  TrdGetPositionList: 2102,
  TrdGetHistoryOrderFillList: 2222,
  TrdGetOrderFee: 2225,
} as const;

export interface OpendFrame {
  protoId: number;
  fmt: number;
  serialNo: number;
  body: Buffer;
}

export function encodeFrame(protoId: number, serialNo: number, body: Buffer, fmt = PROTO_FMT_JSON): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('FT', 0, 'ascii');
  header.writeUInt32LE(protoId, 2);
  header.writeUInt8(fmt, 6);
  header.writeUInt8(0, 7);
  header.writeUInt32LE(serialNo, 8);
  header.writeUInt32LE(body.length, 12);
  createHash('sha1').update(body).digest().copy(header, 16);
  return Buffer.concat([header, body]);
}

/**
 * Reads whole frames from a growing buffer; returns the frames and the unread rest. Throws
 * on a header that does not start with "FT" or a body whose SHA-1 does not match.
 */
export function decodeFrames(buffer: Buffer): { frames: OpendFrame[]; rest: Buffer } {
  const frames: OpendFrame[] = [];
  let offset = 0;
  while (buffer.length - offset >= HEADER_BYTES) {
    if (buffer.toString('ascii', offset, offset + 2) !== 'FT') throw new Error('Not an OpenD packet (no "FT" header flag).');
    const bodyLength = buffer.readUInt32LE(offset + 12);
    if (buffer.length - offset < HEADER_BYTES + bodyLength) break;
    const body = buffer.subarray(offset + HEADER_BYTES, offset + HEADER_BYTES + bodyLength);
    const sha1 = buffer.subarray(offset + 16, offset + 36);
    if (!createHash('sha1').update(body).digest().equals(sha1)) throw new Error('OpenD packet body does not match its SHA-1.');
    frames.push({
      protoId: buffer.readUInt32LE(offset + 2),
      fmt: buffer.readUInt8(offset + 6),
      serialNo: buffer.readUInt32LE(offset + 8),
      body: Buffer.from(body),
    });
    offset += HEADER_BYTES + bodyLength;
  }
  // A copy, so the rest does not keep the whole received buffer alive.
  return { frames, rest: Buffer.from(buffer.subarray(offset)) };
}
