#!/usr/bin/env node
// Cosmos DB emulator for tests: @vercel/cosmosdb-server over plain HTTP on loopback, with the fixes the .NET SDK
// needs. The library's route table captures each handler's `default` export when it loads, so the fixes replace
// those exports first and only then load the server.
//   node cosmos-launcher.js --port 8081 [--host 127.0.0.1]
"use strict";

const lib = "@vercel/cosmosdb-server/lib";
const readDocument = require(`${lib}/handler/read-document`);
const readDocuments = require(`${lib}/handler/read-documents`);
const queryDocuments = require(`${lib}/handler/query-documents`);
const Items = require(`${lib}/account/items`).default;

// 1. A missing document is a 404. The original read handler dereferences the absent document and answers 500.
const originalRead = readDocument.default;
readDocument.default = (account, req, res, params) => {
  const collection = account.database(params.dbId).collection(params.collId);
  if (collection.read()) {
    let pk = params.docId;
    try {
      const header = JSON.parse(req.headers["x-ms-documentdb-partitionkey"] || "null");
      const first = Array.isArray(header) ? header[0] : header;
      if (first !== null && typeof first !== "object") pk = first;
    } catch { /* keep the id as the key, like the library does */ }
    if (!collection.document(params.docId, pk).read()) {
      res.statusCode = 404;
      return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
    }
  }
  return originalRead(account, req, res, params);
};

// 2. Query plans. Off Windows the .NET SDK asks the gateway for a plan before every cross-partition query; the
// library would run the query instead. A pass-through plan over the whole key range makes the SDK send the query
// as is (the server has one partition key range, so no merge is needed).
const originalQuery = queryDocuments.default;
queryDocuments.default = (account, req, res, params) => {
  if (String(req.headers["x-ms-cosmos-is-query-plan-request"]).toLowerCase() === "true") {
    return {
      partitionedQueryExecutionInfoVersion: 2,
      queryInfo: {
        distinctType: "None", top: null, offset: null, limit: null, orderBy: [], orderByExpressions: [],
        groupByExpressions: [], groupByAliases: [], aggregates: [], groupByAliasToAggregateType: {},
        rewrittenQuery: "", hasSelectValue: false, hasNonStreamingOrderBy: false,
      },
      queryRanges: [{ min: "", max: "FF", isMinInclusive: true, isMaxInclusive: false }],
    };
  }
  return originalQuery(account, req, res, params);
};

// 3. Change feed. Every write stamps a per-collection sequence number (_lsn, as in Cosmos). An incremental feed
// request (A-IM) returns the documents written after the sequence in If-None-Match, oldest first, and answers
// 304 when there are none; the library instead returned everything once and 304 forever after.
const originalSet = Items.prototype._set;
Items.prototype._set = function stampSequence(data) {
  this._lsn = (this._lsn || 0) + 1;
  return originalSet.call(this, { ...data, _lsn: this._lsn });
};
const originalReadAll = readDocuments.default;
readDocuments.default = (account, req, res, params) => {
  if (!req.headers["a-im"]) return originalReadAll(account, req, res, params);
  delete req.headers["a-im"]; // the library's own (broken) change-feed post-processing keys on this header
  const collection = account.database(params.dbId).collection(params.collId);
  if (!collection.read()) {
    res.statusCode = 404;
    return { code: "NotFound", message: "collection not found" };
  }
  const items = collection.documents;
  const since = parseSequence(req.headers["if-none-match"], items._lsn || 0);
  const max = parseInt(req.headers["x-ms-max-item-count"] || "100", 10);
  const changed = [...items._data.values()].map(item => item.read())
    .filter(doc => doc._lsn > since).sort((a, b) => a._lsn - b._lsn)
    .slice(0, max > 0 ? max : 100);
  const last = changed.length ? changed[changed.length - 1]._lsn : since;
  res.setHeader("etag", `"${last}"`);
  res.setHeader("x-ms-item-count", String(changed.length));
  if (!changed.length) res.statusCode = 304;
  return { _rid: collection.read()._rid, Documents: changed, _count: changed.length };
};

// If-None-Match: absent = from the beginning, "*" = from now, otherwise the sequence we handed out as the ETag.
function parseSequence(header, now) {
  if (!header) return 0;
  if (header === "*") return now;
  const n = parseInt(String(header).replace(/"/g, ""), 10);
  return Number.isFinite(n) ? n : 0;
}

// 6. Resource ids in Cosmos' alphabet. Cosmos writes a _rid in base64 with "-" for "/", because _rids travel in URL
// paths (/dbs/{rid}/colls/{rid}/pkranges). The library wrote plain base64 and turned back only the first "-": every
// database whose counter ends in 0x3F (1 in 64) got a _rid with a "/", the SDK's partition-key-range read for its
// collections split the path and answered 404, and the query failed with "stale cache" (a random test per run).
const ResourceId = require(`${lib}/account/resource-id`).default;
ResourceId.toBase64String = (buffer) => buffer.toString("base64").replace(/\//g, "-");
ResourceId.fromBase64String = (s) => Buffer.from(s.replace(/-/g, "/"), "base64");

const { createHttpServer, createHttpsServer } = require(lib);
const { randomUUID } = require("crypto");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const host = option("--host", "127.0.0.1");
const port = parseInt(option("--port", "8081"), 10);
// Optional second server over the package's self-signed TLS certificate (its own, separate data), to test the
// client's certificate setting. The SDK's normal path here is plain HTTP.
const tlsPort = option("--tls-port", null);

// 5. Throttling on demand, for tests of 429 handling: document requests in databases named "throttled-*" are
// answered 429 (retry after 5 ms) every other time, starting with the first. GET /_launcher/stats counts them.
const throttleCounters = new Map();
let throttled = 0;
function throttleWhenAsked(libraryHandler) {
  return (req, res) => {
    if (req.method === "GET" && req.url === "/_launcher/stats") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ throttled }));
      return;
    }
    const match = /^\/+dbs\/(throttled-[^/]+)\/colls\/[^/]+\/docs/.exec(req.url || "");
    if (match) {
      const n = throttleCounters.get(match[1]) || 0;
      throttleCounters.set(match[1], n + 1);
      if (n % 2 === 0) {
        throttled += 1;
        req.resume(); // drain the body so the connection can be reused
        res.writeHead(429, {
          "content-type": "application/json",
          "x-ms-retry-after-ms": "5",
          "x-ms-request-charge": "0",
          "x-ms-activity-id": randomUUID(),
          connection: "keep-alive",
        });
        res.end(JSON.stringify({ code: "TooManyRequests", message: "Request rate is large (launcher test throttling)." }));
        return;
      }
    }
    libraryHandler(req, res);
  };
}

// 4. Keep-alive: the library closes every connection by default, which costs the SDK a TCP handshake per call.
function start(server, listenPort, scheme) {
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  const [libraryHandler] = server.listeners("request");
  server.removeAllListeners("request");
  server.on("request", throttleWhenAsked(libraryHandler));
  server.listen(listenPort, host, () => {
    console.log(`cosmos emulator listening on ${scheme}://${host}:${server.address().port}`);
  });
}

start(createHttpServer({ keepAlive: true }), port, "http");
if (tlsPort) start(createHttpsServer({ keepAlive: true }), parseInt(tlsPort, 10), "https");
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
