import { ValueError } from '@rectify/tensor';

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

const utf8 = new TextEncoder();

/**
 * A protobuf message under construction. Fields are appended in call order; nested messages are kept as chunk
 * lists and joined once in `finish()`, so a large tensor's bytes are copied once however deep they sit.
 *
 * Only what ONNX's messages need: varint integers (int32/int64/enums), strings, bytes, 32-bit floats and nested
 * messages. Repeated scalars are written unpacked, the proto2 default that onnx.proto uses for
 * `dims`, `ints` and `floats`.
 *
 * @example
 * const m = new ProtoWriter().int64(1, 150).string(2, 'x');
 * m.finish(); // Uint8Array [0x08, 0x96, 0x01, 0x12, 0x01, 0x78]
 */
export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.size;
  }

  /** A varint field (int32, int64, bool, enum). Negative numbers take ten bytes (two's complement), as protobuf's int64. */
  int64(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    this.push(encodeVarint(value));
    return this;
  }

  /** Each value as its own varint field (unpacked repeated int64). */
  int64s(field: number, values: readonly number[]): this {
    for (const v of values) this.int64(field, v);
    return this;
  }

  /** A 32-bit IEEE float field, little-endian. */
  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.push(b);
    return this;
  }

  floats(field: number, values: readonly number[]): this {
    for (const v of values) this.float(field, v);
    return this;
  }

  /** A UTF-8 string field. */
  string(field: number, value: string): this {
    return this.bytes(field, utf8.encode(value));
  }

  strings(field: number, values: readonly string[]): this {
    for (const v of values) this.string(field, v);
    return this;
  }

  /** A length-delimited bytes field; the bytes are referenced, not copied, until `finish()`. */
  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.push(encodeVarint(value.byteLength));
    this.push(value);
    return this;
  }

  /** A nested message field. */
  message(field: number, sub: ProtoWriter): this {
    this.tag(field, WIRE_LENGTH_DELIMITED);
    this.push(encodeVarint(sub.size));
    for (const c of sub.chunks) this.push(c);
    return this;
  }

  /** The encoded message. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }

  private tag(field: number, wireType: number): void {
    if (!Number.isInteger(field) || field < 1 || field > 536_870_911) {
      throw new ValueError(`protobuf: field number must be an integer in [1, 2^29 - 1], received ${field}`);
    }
    this.push(encodeVarint(field * 8 + wireType));
  }

  private push(c: Uint8Array): void {
    this.chunks.push(c);
    this.size += c.byteLength;
  }
}

/**
 * The base-128 varint of an integer: 7 bits per byte, least significant first, high bit set on all but the last.
 * Negative values are their 64-bit two's complement (ten bytes), as protobuf encodes int64.
 * @example encodeVarint(300); // Uint8Array [0xac, 0x02]
 */
export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new ValueError(`protobuf: varint must be a safe integer, received ${value}`);
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return Uint8Array.from(out);
}
