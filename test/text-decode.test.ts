import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError } from "../src/errors.js";
import { decodeBytes } from "../src/text/decode.js";

const sample = "روسيا والصين تتفقان على تعزيز التعاون";

function utf16(s: string, le: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (le) out.push(c & 0xff, c >> 8);
    else out.push(c >> 8, c & 0xff);
  }
  return Uint8Array.from(out);
}

/** Windows-1256 bytes of a string, built from the decoder's own table. */
function cp1256(s: string): Uint8Array {
  const dec = new TextDecoder("windows-1256");
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(Uint8Array.of(b)), b);
  return Uint8Array.from(
    [...s].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`not in cp1256: ${ch}`);
      return b;
    }),
  );
}

test("UTF-8 with and without BOM", () => {
  assert.deepEqual(decodeBytes(Buffer.from(sample), "a.txt"), { text: sample, encoding: "utf-8" });
  assert.deepEqual(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]), "a.txt"), {
    text: sample,
    encoding: "utf-8",
  });
});

test("UTF-16 LE/BE with a BOM and LE without one", () => {
  assert.equal(decodeBytes(utf16(sample, true, true), "a").text, sample);
  assert.equal(decodeBytes(utf16(sample, false, true), "a").text, sample);
  const r = decodeBytes(utf16(sample, true, false), "a");
  assert.equal(r.text, sample);
  assert.equal(r.encoding, "utf-16le");
});

test("legacy Windows-1256 is detected and decoded", () => {
  const r = decodeBytes(cp1256(`${sample}. قال الوزير إن الاتفاق مهم.`), "old.txt");
  assert.equal(r.encoding, "windows-1256");
  assert.ok(r.text.startsWith(sample));
});

test("empty, binary and damaged UTF-8 input are refused with a reason", () => {
  assert.throws(
    () => decodeBytes(new Uint8Array(0), "e.txt"),
    (e: unknown) => e instanceof InputError && /empty/.test(e.message),
  );
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  assert.throws(
    () => decodeBytes(png, "x.png"),
    (e: unknown) => e instanceof InputError && /binary/.test(e.message) && e.subject === "x.png",
  );
  const damaged = Buffer.concat([Buffer.from(sample), Buffer.from([0xd8]), Buffer.from(" نص")]);
  assert.throws(
    () => decodeBytes(damaged, "d.txt"),
    (e: unknown) => e instanceof InputError && /invalid UTF-8 at byte/.test(e.message),
  );
});

test("Latin-1 bytes that are not Arabic are not passed off as Windows-1256", () => {
  assert.throws(() => decodeBytes(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65]), "fr.txt"), InputError);
});
