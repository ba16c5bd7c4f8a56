#!/usr/bin/env node
// The benchmark's webhook relay, in Node (one core, keep-alive): answers every
// POST 200 and counts notifications per path (an Alertmanager POST is one; a
// followupd body that is a JSON array holds one per element) and requests,
// with the first and last arrival times. On /followupd* it checks the
// HMAC-SHA256 signature over TIMESTAMP.BODY and the Idempotency-Key (the id of
// a single notification; for an array of several, "batch-" + SHA-256 of the
// ids, one per line), and counts distinct ids, so a bad or duplicate delivery
// shows. Prints its port first; writes the tallies as JSON
// to --out on SIGTERM. Python's asyncio relay (bench-relay) tops out near
// 9,000 requests/s here, below what the daemons can send.
// usage: bench-relay.js --out FILE [--secret-file FILE]
"use strict";
const http = require("http"), crypto = require("crypto"), fs = require("fs");
const arg = (name) => { const i = process.argv.indexOf(name); return i < 0 ? undefined : process.argv[i + 1]; };
const out = arg("--out");
const secretFile = arg("--secret-file");
const secret = secretFile ? fs.readFileSync(secretFile).toString().replace(/[\r\n]+$/, "") : null;
const tally = {};
const ids = {};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const now = Date.now() / 1000;
    const body = Buffer.concat(chunks);
    const t = tally[req.url] || (tally[req.url] = { count: 0, requests: 0, first: now, last: now, bad: 0 });
    t.requests++;
    t.last = now;
    if (req.url.startsWith("/followupd")) {
      const key = req.headers["idempotency-key"] || "";
      let ok = false, got = [];
      try {
        const parsed = JSON.parse(body);
        got = Array.isArray(parsed) ? parsed.map((n) => n.id) : [parsed.id];
        const want = got.length === 1 ? got[0]
          : "batch-" + crypto.createHash("sha256").update(got.map((id) => id + "\n").join("")).digest("hex");
        ok = want === key && String(got.length) === (req.headers["x-followupd-count"] || String(got.length));
      } catch (e) {}
      if (secret !== null) {
        const ts = req.headers["x-followupd-timestamp"] || "";
        const want = "v1=" + crypto.createHmac("sha256", secret).update(ts + ".").update(body).digest("hex");
        ok = ok && want === req.headers["x-followupd-signature"];
      }
      if (!ok) t.bad++;
      const seen = ids[req.url] || (ids[req.url] = new Set());
      for (const id of got) seen.add(id);
      t.count += Math.max(1, got.length);
    } else {
      t.count++;
    }
    res.writeHead(200, { "Content-Length": "2" });
    res.end("ok");
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", () => {
  for (const url in ids) tally[url].distinct = ids[url].size;
  fs.writeFileSync(out, JSON.stringify(tally));
  process.exit(0);
});
