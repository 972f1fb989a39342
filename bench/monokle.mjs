// Peer benchmark (bench/peer.py): monokle's validator (pod-security-standards + yaml-syntax
// plugins, the ones that need no network) over one multi-document file.
import fs from 'fs';
import {parseAllDocuments, LineCounter} from 'yaml';
import {createDefaultMonokleValidator} from '@monokle/validation';
const path = process.argv[2];
const text = fs.readFileSync(path, 'utf8');
const lc = new LineCounter();
const resources = [];
let i = 0;
for (const d of parseAllDocuments(text, {lineCounter: lc})) {
  const content = d.toJS({maxAliasCount: -1});
  if (!content || typeof content !== 'object' || !content.kind) continue;
  const start = d.range[0];
  resources.push({id: 'r' + i++, fileId: path, filePath: path,
    fileOffset: lc.linePos(start).line - 1, name: content.metadata?.name ?? '',
    apiVersion: content.apiVersion, kind: content.kind,
    namespace: content.metadata?.namespace, content,
    text: text.slice(start, d.range[2])});
}
const v = createDefaultMonokleValidator();
await v.preload({plugins: {'pod-security-standards': true, 'yaml-syntax': true}});
const r = await v.validate({resources});
let n = 0; for (const run of r.runs) n += run.results.length;
console.log(resources.length, 'resources', n, 'results');
