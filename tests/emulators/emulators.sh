# Starts and stops the local Azure emulators for integration tests. Sourced by ./dev (test, run --azure-emulators,
# bench ... cosmos-emulator); needs `npm ci` done in this folder (./dev's ensure_npm).
#
#   emulators_start   azurite (Blob) + the Cosmos launcher on free loopback ports, in the background; waits until
#                     both answer (bounded), then exports LONGVIEW_TEST_BLOB_CONNECTION, LONGVIEW_TEST_COSMOS_ENDPOINT,
#                     LONGVIEW_TEST_COSMOS_KEY (and LONGVIEW_TEST_COSMOS_TLS_ENDPOINT, the same over self-signed TLS). Fails with the emulator's log when one does not come up.
#   emulators_stop    kills both by the PIDs recorded at start; safe to call twice or when start failed.

EMULATORS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EMULATORS_WAIT_SECONDS="${EMULATORS_WAIT_SECONDS:-60}"
# The Cosmos emulator does not check keys; this is the public well-known emulator key, not a secret.
EMULATORS_COSMOS_KEY="C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw=="
EMULATORS_AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
EMULATORS_PIDS=()
EMULATORS_WORKDIR=""

# A loopback port nobody listens on now (the kernel picks it; a tiny race remains and shows as a start failure).
_emulators_free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
}

# Waits until http://127.0.0.1:$port answers anything, or the process died, or the time is up.
_emulators_wait() {
  local name="$1" pid="$2" port="$3" log="$4" deadline=$((SECONDS + EMULATORS_WAIT_SECONDS))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "emulators: $name (pid $pid) exited during start; its log ($log):" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then return 0; fi
    sleep 0.3
  done
  echo "emulators: $name did not answer on 127.0.0.1:$port within ${EMULATORS_WAIT_SECONDS}s; its log ($log):" >&2
  tail -n 30 "$log" >&2
  return 1
}

emulators_start() {
  [ -d "$EMULATORS_DIR/node_modules/azurite" ] || { echo "emulators: run 'npm ci' in $EMULATORS_DIR first" >&2; return 1; }
  EMULATORS_WORKDIR="$(mktemp -d -t longview-emulators.XXXXXX)"
  local blob_port cosmos_port cosmos_tls_port
  blob_port="$(_emulators_free_port)"
  cosmos_port="$(_emulators_free_port)"
  cosmos_tls_port="$(_emulators_free_port)"

  "$EMULATORS_DIR/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --skipApiVersionCheck --inMemoryPersistence --extentMemoryLimit 1024 --disableTelemetry --silent \
    >"$EMULATORS_WORKDIR/azurite.log" 2>&1 &
  EMULATORS_PIDS+=($!)
  local blob_pid=$!

  node "$EMULATORS_DIR/cosmos-launcher.js" --host 127.0.0.1 --port "$cosmos_port" --tls-port "$cosmos_tls_port" >"$EMULATORS_WORKDIR/cosmos.log" 2>&1 &
  EMULATORS_PIDS+=($!)
  local cosmos_pid=$!

  _emulators_wait azurite "$blob_pid" "$blob_port" "$EMULATORS_WORKDIR/azurite.log" || { emulators_stop; return 1; }
  _emulators_wait cosmos "$cosmos_pid" "$cosmos_port" "$EMULATORS_WORKDIR/cosmos.log" || { emulators_stop; return 1; }

  export LONGVIEW_TEST_BLOB_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$EMULATORS_AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;"
  export LONGVIEW_TEST_COSMOS_ENDPOINT="http://127.0.0.1:$cosmos_port/"
  export LONGVIEW_TEST_COSMOS_KEY="$EMULATORS_COSMOS_KEY"
  # The same emulator over its self-signed TLS certificate (separate data); only the certificate test uses it.
  export LONGVIEW_TEST_COSMOS_TLS_ENDPOINT="https://127.0.0.1:$cosmos_tls_port/"
  echo "emulators: azurite blob on 127.0.0.1:$blob_port (pid $blob_pid), cosmos on 127.0.0.1:$cosmos_port (pid $cosmos_pid); logs in $EMULATORS_WORKDIR"
}

emulators_stop() {
  local pid
  for pid in "${EMULATORS_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  # Give each 5 s to exit, then force it: a stuck emulator must never hang ./dev.
  local deadline=$((SECONDS + 5))
  for pid in "${EMULATORS_PIDS[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  EMULATORS_PIDS=()
  unset LONGVIEW_TEST_BLOB_CONNECTION LONGVIEW_TEST_COSMOS_ENDPOINT LONGVIEW_TEST_COSMOS_KEY LONGVIEW_TEST_COSMOS_TLS_ENDPOINT
  if [ -n "$EMULATORS_WORKDIR" ]; then rm -rf "$EMULATORS_WORKDIR"; EMULATORS_WORKDIR=""; fi
}
