/**
 * The hook-tool wire format between the jujuc client and HookToolServer: frames of a
 * 4-byte big-endian length followed by that many bytes of UTF-8 JSON (WireRequest /
 * WireResponse in wire-types.ts). A connection carries one request and, when the tool
 * asks for stdin, a second request with it.
 *
 * CommonJS (.cts) with no imports: the client process loads it, and Node starts a
 * CommonJS entry several milliseconds faster than an ES module one.
 */

/** Maximum frame size accepted. */
const MAX_FRAME = 64 * 1024 * 1024;

function encodeFrame(value: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  const frame = Buffer.allocUnsafe(4 + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, 4);
  return frame;
}

/** Accumulates stream chunks and yields complete decoded frames. */
class FrameReader {
  private buffered: Buffer = Buffer.alloc(0);

  /** Add a chunk; returns the frames it completed. @throws Error on an oversized frame. */
  push(chunk: Buffer): unknown[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: unknown[] = [];
    while (this.buffered.length >= 4) {
      const size = this.buffered.readUInt32BE(0);
      if (size > MAX_FRAME) throw new Error(`frame too large: ${size} bytes`);
      if (this.buffered.length < 4 + size) break;
      frames.push(JSON.parse(this.buffered.subarray(4, 4 + size).toString('utf8')));
      this.buffered = this.buffered.subarray(4 + size);
    }
    return frames;
  }
}

/** Node's path for a socket address: `@name` is a Linux abstract socket. */
function socketPath(address: string): string {
  return address.startsWith('@') ? `\0${address.slice(1)}` : address;
}

export = { MAX_FRAME, encodeFrame, FrameReader, socketPath };
