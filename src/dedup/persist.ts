/**
 * The saved index: a compact binary file, so tomorrow's run checks new articles
 * against today's without recomputing a signature.
 *
 *   "KHDX0001"                         8 bytes magic + format version
 *   u32 length, JSON header            parameters (threshold, shingles, minhash, bands, rows,
 *                                      source priority) and the document count n
 *   then one section per column:       u32 byteLength, u32 element size, bytes, zero pad to 8
 *     sigs (n×perms u16), exactHi, exactLo, parent, canon, gsize, published, words, shingles,
 *     sourceRank, flags, link, linkSim, idOffsets (n+1 u32), idBytes (UTF-8)
 *
 * LSH buckets and the exact / id hash tables are not stored: they are rebuilt from
 * the columns on load (about a second per million documents), inserting slots in
 * the same order, so a loaded index decides exactly as the one that was saved.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { khabarError } from '../core/errors.js';

/** 0002: the shingles column (containment) was added; a 0001 file still loads without it (see DedupIndex). */
export const INDEX_MAGIC = 'KHDX0002';
const LEGACY_MAGIC = 'KHDX0001';

export interface IndexColumns {
  sigs: Uint16Array;
  exactHi: Uint32Array;
  exactLo: Uint32Array;
  parent: Int32Array;
  canon: Int32Array;
  gsize: Uint32Array;
  published: Int32Array;
  words: Uint32Array;
  /** Shingles taken from the text (the set size behind containment). */
  shingles: Uint32Array;
  sourceRank: Uint16Array;
  flags: Uint8Array;
  link: Int32Array;
  linkSim: Float32Array;
}

type Ctor = { new (buf: ArrayBuffer): ArrayBufferView; BYTES_PER_ELEMENT: number };

export const COLUMN_TYPES: { [K in keyof IndexColumns]: Ctor } = {
  sigs: Uint16Array,
  exactHi: Uint32Array,
  exactLo: Uint32Array,
  parent: Int32Array,
  canon: Int32Array,
  gsize: Uint32Array,
  published: Int32Array,
  words: Uint32Array,
  shingles: Uint32Array,
  sourceRank: Uint16Array,
  flags: Uint8Array,
  link: Int32Array,
  linkSim: Float32Array,
};

const NAMES = Object.keys(COLUMN_TYPES) as (keyof IndexColumns)[];

export interface IndexFile<H> {
  header: H & { n: number };
  columns: IndexColumns;
  ids: string[];
}

const bytesOf = (v: ArrayBufferView) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

/** The saved form as a list of byte chunks (not one buffer: a million documents' signatures are 256 MB). */
export function encodeIndex<H>(file: IndexFile<H>): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let written = 0;
  const put = (b: Uint8Array) => {
    chunks.push(b);
    written += b.length;
  };
  const pad = () => written % 8 && put(new Uint8Array(8 - (written % 8)));
  const section = (v: ArrayBufferView, elem: number) => {
    put(new Uint8Array(new Uint32Array([v.byteLength, elem]).buffer));
    put(bytesOf(v));
    pad();
  };
  put(Buffer.from(INDEX_MAGIC, 'latin1'));
  const json = Buffer.from(JSON.stringify(file.header), 'utf8');
  put(new Uint8Array(new Uint32Array([json.length]).buffer));
  put(json);
  pad();
  for (const name of NAMES) section(file.columns[name], COLUMN_TYPES[name].BYTES_PER_ELEMENT);
  const encoded = file.ids.map((id) => Buffer.from(id, 'utf8'));
  const offsets = new Uint32Array(encoded.length + 1);
  for (let i = 0; i < encoded.length; i++) offsets[i + 1] = offsets[i] + encoded[i].length;
  section(offsets, 4);
  section(Buffer.concat(encoded), 1);
  return chunks;
}

export function writeIndexFile<H>(path: string, file: IndexFile<H>): number {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    for (const b of encodeIndex(file)) {
      for (let off = 0; off < b.length;) off += writeSync(fd, b, off);
      written += b.length;
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

export function readIndexFile<H>(path: string): IndexFile<H> {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (e) {
    throw khabarError('KHB_FILE_UNREADABLE', path, e instanceof Error ? e.message : String(e));
  }
  return decodeIndex<H>(buf, path);
}

/** Parses the saved form; `label` names it in errors (a file path, or the store's state key). */
export function decodeIndex<H>(bytes: Uint8Array, label: string): IndexFile<H> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (why: string) => khabarError('KHB_BAD_INPUT', `${label} is not a khabar dedup index (${why})`);
  const magic = buf.length >= 12 ? buf.toString('latin1', 0, 8) : '';
  if (magic !== INDEX_MAGIC && magic !== LEGACY_MAGIC) throw bad(`no ${INDEX_MAGIC} magic`);
  let at = 8;
  const u32 = () => {
    if (at + 4 > buf.length) throw bad('truncated');
    const v = buf.readUInt32LE(at);
    at += 4;
    return v;
  };
  const align = () => (at = Math.ceil(at / 8) * 8);
  const jsonLen = u32();
  const header = JSON.parse(buf.toString('utf8', at, at + jsonLen)) as H & { n: number };
  at += jsonLen;
  align();
  const section = <T extends ArrayBufferView>(ctor: Ctor, name: string): T => {
    const len = u32();
    const elem = u32();
    if (elem !== ctor.BYTES_PER_ELEMENT || at + len > buf.length) throw bad(`section ${name} is damaged`);
    // slice() copies into a fresh, aligned ArrayBuffer.
    const v = new ctor(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + len) as ArrayBuffer) as T;
    at += len;
    align();
    return v;
  };
  const columns = {} as Record<string, ArrayBufferView>;
  for (const name of NAMES)
    if (!(magic === LEGACY_MAGIC && name === 'shingles')) columns[name] = section(COLUMN_TYPES[name], name);
  const offsets = section<Uint32Array>(Uint32Array, 'idOffsets');
  const idBytes = section<Uint8Array>(Uint8Array, 'idBytes');
  const n = header.n;
  if (offsets.length !== n + 1 || (columns.parent as Int32Array).length !== n) throw bad('column lengths differ');
  const dec = new TextDecoder();
  const ids = new Array<string>(n);
  for (let i = 0; i < n; i++) ids[i] = dec.decode(idBytes.subarray(offsets[i], offsets[i + 1]));
  return { header, columns: columns as unknown as IndexColumns, ids };
}
