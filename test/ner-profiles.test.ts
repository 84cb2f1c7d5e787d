/**
 * News context profiles (an optional NER feature source): the file round
 * trip, the rate buckets, damaged lines skipped, and the feature they add.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { mix, NerFeatures, T } from "../src/nlp/ner/features.js";
import { PROFILE_BUCKETS, rateBucket, WordProfiles } from "../src/nlp/ner/profiles.js";

test("rate buckets: below the first threshold is no bucket, then increasing", () => {
  assert.equal(rateBucket(0), -1);
  assert.equal(rateBucket(0.01), -1);
  assert.equal(rateBucket(0.05), 0);
  assert.equal(rateBucket(0.5), PROFILE_BUCKETS - 1);
  assert.ok(rateBucket(0.1) <= rateBucket(0.2));
});

test("profiles round trip; damaged lines and codes are skipped", () => {
  const p = new WordProfiles(
    new Map([
      ["الوكره", Uint16Array.from([11])],
      ["ساركوزي", Uint16Array.from([16, 34])],
    ]),
  );
  const back = WordProfiles.parse(p.serialize());
  assert.equal(back.size, 2);
  assert.deepEqual(Array.from(back.get("ساركوزي") ?? []), [16, 34]);
  assert.equal(back.get("غائب"), undefined);
  const messy = WordProfiles.parse(gzipSync(Buffer.from("بلا_رموز\n\tx\nكلمة\t3,abc,-1,99999999\nفارغ\t\n")));
  assert.equal(messy.size, 1);
  assert.deepEqual(Array.from(messy.get("كلمة") ?? []), [3]);
  assert.throws(() => WordProfiles.parse(Buffer.from("not gzip")));
});

test("a word's profile codes become its features; without profiles nothing changes", () => {
  const profiles = new WordProfiles(new Map([["الوكره", Uint16Array.from([11])]]));
  const withP = new NerFeatures({ gazetteer: null, clusters: null, profiles }).word("الوكرة");
  const without = new NerFeatures({ gazetteer: null, clusters: null }).word("الوكرة");
  assert.ok(withP.self.includes(mix(T.PROFILE, 11)));
  assert.ok(!without.self.includes(mix(T.PROFILE, 11)));
  assert.equal(withP.self.length, without.self.length + 1);
});
