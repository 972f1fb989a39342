// An independent reading of how github/codeql-action/upload-sarif hashes
// a line (src/fingerprints.ts: base-37 rolling hash over the next 100
// UTF-16 code units from the line's start, blanks and tabs skipped, CR and
// CRLF as LF, 65535 then zeros at the end; hex, `:` and the count of equal
// hashes so far), decoding the file with Node's own UTF-8 decoder as the
// action does. Prints "LINE HASH" for every line. Usage: node linehash.js FILE
"use strict";
const fs = require("fs");
const M = (1n << 64n) - 1n, BASE = 37n, WIDTH = 100;
let firstMod = 1n;
for (let i = 0; i < WIDTH; i++) firstMod = (firstMod * BASE) & M;
const text = fs.readFileSync(process.argv[2], "utf8");
const win = new Array(WIDTH).fill(0n), starts = new Array(WIDTH).fill(-1);
const seen = new Map(), out = [];
let hash = 0n, at = 0, line = 0, atStart = true, afterCR = false;
function emit() {
  const v = hash.toString(16), n = (seen.get(v) || 0) + 1;
  seen.set(v, n);
  out.push(`${starts[at]} ${v}:${n}`);
  starts[at] = -1;
}
function push(c) {
  const old = win[at];
  win[at] = BigInt(c);
  hash = (BASE * hash + BigInt(c) - firstMod * old) & M;
  at = (at + 1) % WIDTH;
}
function feed(c) {
  if (c === 32 || c === 9 || (afterCR && c === 10)) { afterCR = false; return; }
  afterCR = c === 13;
  if (c === 13) c = 10;
  if (starts[at] !== -1) emit();
  if (atStart) { atStart = false; starts[at] = ++line; }
  if (c === 10) atStart = true;
  push(c);
}
for (let i = 0; i < text.length; i++) feed(text.charCodeAt(i));
feed(65535);
for (let i = 0; i < WIDTH; i++) { if (starts[at] !== -1) emit(); push(0); }
console.log(out.join("\n"));
