#!/usr/bin/env node
// The benchmark's webhook relay, in Node (one core, keep-alive): answers every
// POST 200 and counts requests per path with the first and last arrival times.
// On /followupd it checks the HMAC-SHA256 signature over TIMESTAMP.BODY and that
// Idempotency-Key equals the body's id, and counts distinct ids, so a bad or
// duplicate delivery shows. Prints its port first; writes the tallies as JSON
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
const ids = new Set();
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const now = Date.now() / 1000;
    const body = Buffer.concat(chunks);
    const t = tally[req.url] || (tally[req.url] = { count: 0, first: now, last: now, bad: 0 });
    t.count++;
    t.last = now;
    if (req.url === "/followupd") {
      const key = req.headers["idempotency-key"] || "";
      let ok = false;
      try { ok = JSON.parse(body).id === key; } catch (e) {}
      if (secret !== null) {
        const ts = req.headers["x-followupd-timestamp"] || "";
        const want = "v1=" + crypto.createHmac("sha256", secret).update(ts + ".").update(body).digest("hex");
        ok = ok && want === req.headers["x-followupd-signature"];
      }
      if (!ok) t.bad++;
      ids.add(key);
    }
    res.writeHead(200, { "Content-Length": "2" });
    res.end("ok");
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
process.on("SIGTERM", () => {
  if (tally["/followupd"]) tally["/followupd"].distinct = ids.size;
  fs.writeFileSync(out, JSON.stringify(tally));
  process.exit(0);
});
