// Interop tests: drive the C# conformance worker (tests/Vgi.Rpc.ConformanceWorker) over
// stdin/stdout with the npm client `@query-farm/vgi-rpc` 0.25.4, an implementation we did
// not write.
//
// Run:  cd tests/interop && npm ci && npm test
//       VGI_WORKER="dotnet /path/to/Vgi.Rpc.ConformanceWorker.dll" npm test
//
// Notes on the npm client (see /work/shared/spec/vgi-rpc-wire.md §9.2/§9.3):
// * Only the *raw* API is usable against a vgi_rpc 0.20.0-style server. `client.call()` /
//   `client.stream()` first bootstrap through `vgi_rpc.Reflection.v1` methods
//   (`list_protocols`, `describe`), which our server does not host. `callRaw` /
//   `streamRaw` send exactly the batch and metadata we give them — no introspection.
// * `subprocessConnect()` is Bun-only, so we spawn the worker ourselves and use
//   `pipeConnect(webReadable, {write, flush, end})`.
// * The pipe client is single-threaded: one call or stream at a time. A stream session
//   holds the connection until it reaches EOS, is cancelled, or is closed (close() drains
//   in the background; the next call waits for that drain).

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

import {
  Binary,
  Bool,
  Field,
  Float64,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  tableFromIPC,
  Utf8,
  vectorFromArray,
} from "@query-farm/apache-arrow";
import { pipeConnect, RpcError } from "@query-farm/vgi-rpc";

// ---------------------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------------------

/**
 * Per-test limit: a hang (e.g. a desynchronised pipe) fails the test instead of blocking
 * CI. Generous because the first `dotnet` start on a cold machine can take seconds.
 */
const TEST_TIMEOUT_MS = Number(process.env.VGI_TEST_TIMEOUT_MS) || 60_000;
/** How long a worker may take to exit after its stdin closes. */
const EXIT_TIMEOUT_MS = 15_000;

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The worker command as [cmd, ...args]. `VGI_WORKER` is a whitespace-separated command
 * line (no shell quoting); otherwise the built worker dll, Release first, then Debug.
 */
function workerCommand() {
  const fromEnv = process.env.VGI_WORKER?.trim();
  if (fromEnv) return fromEnv.split(/\s+/);
  const dll = (cfg) =>
    join(here, "..", "Vgi.Rpc.ConformanceWorker", "bin", cfg, "net10.0", "Vgi.Rpc.ConformanceWorker.dll");
  const release = dll("Release");
  const debug = dll("Debug");
  if (existsSync(release)) return ["dotnet", release];
  if (existsSync(debug)) return ["dotnet", debug];
  throw new Error(
    `Conformance worker not built (looked for ${release} and ${debug}). ` +
      "Run `dotnet build -c Release tests/Vgi.Rpc.ConformanceWorker` or set VGI_WORKER.",
  );
}

// ---------------------------------------------------------------------------------------
// Worker process + client
// ---------------------------------------------------------------------------------------

/** Every worker we spawned, so none outlives the test run even when a test times out. */
const liveWorkers = new Set();
after(() => {
  for (const child of liveWorkers) child.kill("SIGKILL");
});

/**
 * Spawn the worker and connect the npm pipe client to its stdin/stdout. The worker's
 * stderr (its log) is inherited. The process is killed when the test ends, if still alive.
 */
function startWorker(t, { onLog } = {}) {
  const [cmd, ...args] = workerCommand();
  const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "inherit"] });
  liveWorkers.add(child);
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      liveWorkers.delete(child);
      resolve({ code, signal });
    });
  });
  // A write to a worker that died must fail the call, not crash the test process.
  child.stdin.on("error", () => {});
  child.on("error", (err) => {
    throw new Error(`failed to start worker '${cmd}': ${err.message}`);
  });

  const client = pipeConnect(Readable.toWeb(child.stdout), {
    write: (bytes) => child.stdin.write(bytes),
    flush() {}, // node streams flush on their own
    end: () => child.stdin.end(),
  }, { onLog }); // onLog receives non-EXCEPTION log batches: {level, message, extra}

  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, client, exited };
}

/** Resolve with `promise`, or reject after `ms` with `what` in the message. */
function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------
// Building request / input batches
// ---------------------------------------------------------------------------------------

/**
 * A RecordBatch with one column per entry of `columns` ({name, type, values}), all
 * non-nullable (a Python `str`/`int`/... parameter is `nullable=false`).
 */
function makeBatch(columns, nullable = false) {
  const schema = new Schema(columns.map((c) => new Field(c.name, c.type, nullable)));
  const length = columns.length === 0 ? 1 : columns[0].values.length;
  const children = columns.map((c) => vectorFromArray(c.values, c.type).data[0]);
  const data = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new RecordBatch(schema, data);
}

/**
 * The request for `method`: a one-row batch of parameters plus the request metadata. The
 * raw API sends `metadata` verbatim as the batch's custom_metadata, so the vgi_rpc keys
 * that `call()` would add must be supplied here.
 */
function request(method, params = []) {
  return {
    batch: makeBatch(params.map((p) => ({ name: p.name, type: p.type, values: [p.value] }))),
    metadata: new Map([
      ["vgi_rpc.method", method],
      ["vgi_rpc.request_version", "1"],
      ["vgi_rpc.protocol_version", "1.0.0"],
    ]),
  };
}

/** `callRaw` → the result RecordBatch (asserts the result is non-void and 1 row). */
async function callUnary(client, method, params) {
  const res = await client.callRaw(method, request(method, params));
  assert.ok(res, `${method}: expected a result batch, got void`);
  assert.equal(res.batch.numRows, 1, `${method}: result batch must have 1 row`);
  return res.batch;
}

/** Assert that a result batch has schema {result: <typeName>} (non-nullable). */
function assertResultSchema(batch, typeName) {
  const fields = batch.schema.fields;
  assert.deepEqual(
    fields.map((f) => f.name),
    ["result"],
    "result schema must have exactly one field, 'result'",
  );
  assert.equal(String(fields[0].type), typeName, "result type");
  assert.equal(fields[0].nullable, false, "a non-optional scalar result is nullable=false");
}

/** All values of column `name` in `batch`, as a plain array. */
function column(batch, name) {
  const col = batch.getChild(name);
  assert.ok(col, `batch has no column '${name}' (schema: ${batch.schema})`);
  return col.toArray ? Array.from(col.toArray()) : [...col];
}

/** Echo `value` through a `{value: type} -> {result: type}` method and return the result. */
async function echo(client, method, type, value, typeName) {
  const batch = await callUnary(client, method, [{ name: "value", type, value }]);
  assertResultSchema(batch, typeName);
  return batch.getChild("result").get(0);
}

// ---------------------------------------------------------------------------------------
// Unary calls
// ---------------------------------------------------------------------------------------

describe("unary echo", () => {
  test("echo_string: ASCII, empty and non-ASCII utf8", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { client } = startWorker(t);
    for (const s of ["hello", "", "héllo wörld — 日本語 🦆", "line1\nline2\ttab\u0000nul"]) {
      assert.equal(await echo(client, "echo_string", new Utf8(), s, "Utf8"), s);
    }
    client.close();
  });

  test("echo_int: int64 incl. min/max (BigInt)", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { client } = startWorker(t);
    // Int64 columns come back as BigInt in arrow-js.
    for (const n of [0n, 42n, -1n, 9007199254740993n, -(2n ** 63n), 2n ** 63n - 1n]) {
      assert.equal(await echo(client, "echo_int", new Int64(), n, "Int64"), n);
    }
    client.close();
  });

  test("echo_float: float64 incl. special values", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { client } = startWorker(t);
    for (const x of [0, 3.25, -1e-300, 1.7976931348623157e308, Math.PI, Infinity, -Infinity]) {
      assert.equal(await echo(client, "echo_float", new Float64(), x, "Float64"), x);
    }
    assert.ok(Number.isNaN(await echo(client, "echo_float", new Float64(), NaN, "Float64")));
    // -0 survives bit-exactly (assert.equal uses Object.is semantics under assert/strict).
    assert.equal(await echo(client, "echo_float", new Float64(), -0, "Float64"), -0);
    client.close();
  });

  test("echo_bytes: binary incl. empty and all byte values", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { client } = startWorker(t);
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (const b of [new Uint8Array([1, 2, 3]), new Uint8Array(0), all]) {
      const got = await echo(client, "echo_bytes", new Binary(), b, "Binary");
      assert.deepEqual(Array.from(got), Array.from(b));
    }
    client.close();
  });

  test("echo_bool: true and false", { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const { client } = startWorker(t);
    assert.equal(await echo(client, "echo_bool", new Bool(), true, "Bool"), true);
    assert.equal(await echo(client, "echo_bool", new Bool(), false, "Bool"), false);
    client.close();
  });
});

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

test("raise_value_error → RpcError, then the same client still works", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const message = "boom — ünïcode";
  // The npm client throws RpcError on an EXCEPTION batch. Its message is
  // `${log_extra.exception_type}: ${log_extra.exception_message ?? log_message}`.
  await assert.rejects(
    client.callRaw("raise_value_error", request("raise_value_error", [{ name: "message", type: new Utf8(), value: message }])),
    (err) => {
      assert.ok(err instanceof RpcError, `expected RpcError, got ${err}`);
      assert.ok(
        err.message.includes(`ValueError: ${message}`),
        `RpcError message should contain 'ValueError: ${message}', was: ${err.message}`,
      );
      assert.equal(err.errorType, "ValueError");
      return true;
    },
  );
  // The error stream was read to its EOS, so the pipe is still in sync.
  assert.equal(await echo(client, "echo_string", new Utf8(), "after error", "Utf8"), "after error");
  client.close();
});

// ---------------------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------------------

test("produce_n: producer stream of 5 batches then end", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  // A producer has no header; `streamRaw` then writes the request and returns without
  // reading anything (the server writes nothing until the first tick).
  const session = await client.streamRaw("produce_n", request("produce_n", [{ name: "count", type: new Int64(), value: 5n }]), {
    isExchange: false,
    hasHeader: false,
  });
  assert.equal(session.rawHeader, null);
  const indexes = [];
  const values = [];
  // Each tickRaw() writes one empty tick on the input stream and reads one data batch
  // (skipping logs). It resolves null once the server closes its output stream (EOS); the
  // client then closes its input stream and releases the connection.
  for (let i = 0; i < 10; i++) {
    const out = await session.tickRaw();
    if (out === null) break;
    assert.deepEqual(
      out.batch.schema.fields.map((f) => [f.name, String(f.type)]),
      [
        ["index", "Int64"],
        ["value", "Int64"],
      ],
    );
    assert.equal(out.batch.numRows, 1, "one row per tick");
    indexes.push(...column(out.batch, "index"));
    values.push(...column(out.batch, "value"));
  }
  assert.deepEqual(indexes, [0n, 1n, 2n, 3n, 4n]);
  assert.deepEqual(values, [0n, 10n, 20n, 30n, 40n]);
  // Once ended, further ticks are refused client-side.
  await assert.rejects(session.tickRaw(), RpcError);
  // And the pipe is back at a request boundary.
  assert.equal(await echo(client, "echo_int", new Int64(), 7n, "Int64"), 7n);
  client.close();
});

test("produce_with_header: header stream decoded, then the rows", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  // hasHeader: true makes streamRaw read one complete IPC stream (the header) right after
  // the request, before any tick; `rawHeader` is its first data batch.
  const session = await client.streamRaw(
    "produce_with_header",
    request("produce_with_header", [{ name: "count", type: new Int64(), value: 3n }]),
    { isExchange: false, hasHeader: true },
  );
  const header = session.rawHeader;
  assert.ok(header, "expected a header batch");
  assert.equal(header.batch.numRows, 1);
  assert.deepEqual(
    header.batch.schema.fields.map((f) => [f.name, String(f.type)]),
    [
      ["total_expected", "Int64"],
      ["description", "Utf8"],
    ],
  );
  assert.equal(header.batch.getChild("total_expected").get(0), 3n);
  assert.equal(header.batch.getChild("description").get(0), "producing 3 batches");

  let rows = 0;
  for (let i = 0; i < 10; i++) {
    const out = await session.tickRaw();
    if (out === null) break;
    rows += out.batch.numRows;
  }
  assert.equal(rows, 3, "produce_with_header(3) yields 3 rows");
  assert.equal(await echo(client, "echo_string", new Utf8(), "next", "Utf8"), "next");
  client.close();
});

test("exchange_scale: 3 exchanges scaled by 2.5, then close", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const session = await client.streamRaw(
    "exchange_scale",
    request("exchange_scale", [{ name: "factor", type: new Float64(), value: 2.5 }]),
    { isExchange: true, hasHeader: false },
  );
  // exchangeRaw writes one batch on the input stream (the first call also writes its
  // schema) and reads exactly one data batch back. Its schema is fixed by the first batch.
  for (const input of [[1, 2, 3], [10], [0.5, -1, 0, 1e10]]) {
    const out = await session.exchangeRaw({
      batch: makeBatch([{ name: "value", type: new Float64(), values: input }]),
      metadata: new Map(),
    });
    assert.ok(out, "exchange must answer with a data batch");
    assert.deepEqual(
      out.batch.schema.fields.map((f) => [f.name, String(f.type)]),
      [["value", "Float64"]],
    );
    assert.deepEqual(
      column(out.batch, "value"),
      input.map((v) => v * 2.5),
    );
  }
  // close() writes the input EOS and drains the output EOS in the background; the next
  // call on the client waits for that drain before writing its request.
  session.close();
  assert.equal(await echo(client, "echo_float", new Float64(), 1.5, "Float64"), 1.5);
  client.close();
});

test("exchange_scale: zero-row input batch gets a zero-row answer", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const session = await client.streamRaw(
    "exchange_scale",
    request("exchange_scale", [{ name: "factor", type: new Float64(), value: 2 }]),
    { isExchange: true, hasHeader: false },
  );
  const empty = await session.exchangeRaw({
    batch: makeBatch([{ name: "value", type: new Float64(), values: [] }]),
    metadata: new Map(),
  });
  assert.ok(empty);
  assert.equal(empty.batch.numRows, 0);
  const out = await session.exchangeRaw({
    batch: makeBatch([{ name: "value", type: new Float64(), values: [4] }]),
    metadata: new Map(),
  });
  assert.deepEqual(column(out.batch, "value"), [8]);
  session.close();
  assert.equal(await echo(client, "echo_bool", new Bool(), true, "Bool"), true);
  client.close();
});

test("exchange_scale: closed without any exchange", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const session = await client.streamRaw(
    "exchange_scale",
    request("exchange_scale", [{ name: "factor", type: new Float64(), value: 2 }]),
    { isExchange: true, hasHeader: false },
  );
  // Nothing sent yet: close() writes an empty-schema input stream (schema + EOS); the
  // server must still answer with an output stream (schema + EOS).
  session.close();
  assert.equal(await echo(client, "echo_string", new Utf8(), "still here", "Utf8"), "still here");
  client.close();
});

test("cancellable_producer: tick twice, cancel, then a unary call works", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const session = await client.streamRaw("cancellable_producer", request("cancellable_producer"), {
    isExchange: false,
    hasHeader: false,
  });
  for (let i = 0; i < 2; i++) {
    const out = await session.tickRaw();
    assert.ok(out, `tick ${i} must yield a batch (the producer runs until cancelled)`);
    assert.ok(out.batch.numRows >= 1);
  }
  // cancel() writes a zero-row tick carrying `vgi_rpc.cancel=1`, then the input EOS, and
  // drains the server's output to its EOS before resolving.
  await session.cancel();
  // If the worker did not drain the input or close the output, this would hang or fail.
  assert.equal(await echo(client, "echo_string", new Utf8(), "after cancel", "Utf8"), "after cancel");
  // The worker's on_cancel hook ran exactly once. cancel_probe_counters returns a dataclass,
  // i.e. `result: binary` holding a complete IPC stream (schema + 1 row + EOS).
  const counters = await client.callRaw("cancel_probe_counters", request("cancel_probe_counters"));
  const row = tableFromIPC(counters.batch.getChild("result").get(0)).get(0).toJSON();
  assert.equal(row.producer_cancels, 1n);
  assert.equal(row.exchange_cancels, 0n);
  client.close();
});

// ---------------------------------------------------------------------------------------
// More error paths, logs, void and large payloads
// ---------------------------------------------------------------------------------------

test("produce_error_mid_stream: RpcError from a tick, then the pipe is in sync", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const session = await client.streamRaw(
    "produce_error_mid_stream",
    request("produce_error_mid_stream", [{ name: "emit_before_error", type: new Int64(), value: 2n }]),
    { isExchange: false, hasHeader: false },
  );
  assert.ok(await session.tickRaw());
  assert.ok(await session.tickRaw());
  // The third tick gets an EXCEPTION batch on the output stream. tickRaw throws, after
  // closing its input stream and draining the output to EOS.
  await assert.rejects(session.tickRaw(), (err) => {
    assert.ok(err instanceof RpcError, `expected RpcError, got ${err}`);
    assert.match(err.message, /RuntimeError: intentional error after 2 batches/);
    return true;
  });
  assert.equal(await echo(client, "echo_string", new Utf8(), "recovered", "Utf8"), "recovered");
  client.close();
});

test("exchange_error_on_nth: RpcError from an exchange, then the pipe is in sync", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const session = await client.streamRaw(
    "exchange_error_on_nth",
    request("exchange_error_on_nth", [{ name: "fail_on", type: new Int64(), value: 2n }]),
    { isExchange: true, hasHeader: false },
  );
  const input = () => ({ batch: makeBatch([{ name: "value", type: new Float64(), values: [1.5] }]), metadata: new Map() });
  assert.deepEqual(column((await session.exchangeRaw(input())).batch, "value"), [1.5]);
  await assert.rejects(session.exchangeRaw(input()), (err) => {
    assert.ok(err instanceof RpcError, `expected RpcError, got ${err}`);
    assert.match(err.message, /RuntimeError: intentional error on exchange 2/);
    return true;
  });
  assert.equal(await echo(client, "echo_int", new Int64(), -5n, "Int64"), -5n);
  client.close();
});

test("unknown method and protocol_version mismatch are errors, not hangs", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  await assert.rejects(client.callRaw("no_such_method", request("no_such_method")), (err) => {
    assert.ok(err instanceof RpcError, `expected RpcError, got ${err}`);
    assert.match(err.message, /no_such_method/);
    return true;
  });
  const wrongVersion = request("echo_string", [{ name: "value", type: new Utf8(), value: "x" }]);
  wrongVersion.metadata.set("vgi_rpc.protocol_version", "2.0.0");
  await assert.rejects(client.callRaw("echo_string", wrongVersion), RpcError);
  assert.equal(await echo(client, "echo_string", new Utf8(), "ok", "Utf8"), "ok");
  client.close();
});

test("log batches reach onLog; void methods return null", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const logs = [];
  const { client } = startWorker(t, { onLog: (msg) => logs.push(msg) });
  assert.equal(await echo(client, "echo_with_log_extras", new Utf8(), "abc", "Utf8"), "abc");
  assert.equal(logs.length, 1);
  assert.equal(logs[0].level, "INFO");
  assert.equal(logs[0].message, "extras: abc");
  assert.equal(logs[0].extra?.key, "value");
  assert.equal(logs[0].extra?.count, 42);
  logs.length = 0;
  assert.equal(await echo(client, "echo_with_all_log_levels", new Utf8(), "z", "Utf8"), "z");
  assert.deepEqual(
    logs.map((l) => l.level),
    ["ERROR", "WARN", "INFO", "DEBUG", "TRACE"],
  );
  // A void result is a 0-row, 0-column batch; callRaw resolves null.
  assert.equal(await client.callRaw("void_noop", request("void_noop")), null);
  assert.equal(
    await client.callRaw("void_with_param", request("void_with_param", [{ name: "value", type: new Int64(), value: 1n }])),
    null,
  );
  client.close();
});

test("large payloads cross the pipe intact (oversized_unary 8 MiB)", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client } = startWorker(t);
  const size = 8 << 20;
  const batch = await callUnary(client, "oversized_unary", [{ name: "size_bytes", type: new Int64(), value: BigInt(size) }]);
  assertResultSchema(batch, "Binary");
  const bytes = batch.getChild("result").get(0);
  assert.equal(bytes.length, size);
  // Worker payload: byte i is i mod 251.
  for (const i of [0, 1, 250, 251, 252, size - 1]) assert.equal(bytes[i], i % 251, `byte ${i}`);
  // And a large *request*: 4 MiB echoed back.
  const big = Uint8Array.from({ length: 4 << 20 }, (_, i) => (i * 7) & 0xff);
  const echoed = await echo(client, "echo_bytes", new Binary(), big, "Binary");
  assert.equal(Buffer.compare(Buffer.from(echoed), Buffer.from(big)), 0);
  client.close();
});

// ---------------------------------------------------------------------------------------
// Mixed traffic on one pipe, and shutdown
// ---------------------------------------------------------------------------------------

test("one pipe: every call kind back to back stays in sync", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client, exited } = startWorker(t);
  for (let round = 0; round < 3; round++) {
    assert.equal(await echo(client, "echo_int", new Int64(), BigInt(round), "Int64"), BigInt(round));
    await assert.rejects(
      client.callRaw("raise_value_error", request("raise_value_error", [{ name: "message", type: new Utf8(), value: `r${round}` }])),
      (err) => err instanceof RpcError && err.message.includes(`ValueError: r${round}`),
    );
    const producer = await client.streamRaw("produce_n", request("produce_n", [{ name: "count", type: new Int64(), value: 2n }]), {
      isExchange: false,
      hasHeader: false,
    });
    let n = 0;
    while ((await producer.tickRaw()) !== null) n++;
    assert.equal(n, 2);
    const exchange = await client.streamRaw(
      "exchange_scale",
      request("exchange_scale", [{ name: "factor", type: new Float64(), value: -1 }]),
      { isExchange: true, hasHeader: false },
    );
    const out = await exchange.exchangeRaw({
      batch: makeBatch([{ name: "value", type: new Float64(), values: [round] }]),
      metadata: new Map(),
    });
    assert.deepEqual(column(out.batch, "value"), [-round]);
    exchange.close();
    const cancellable = await client.streamRaw("cancellable_producer", request("cancellable_producer"), {
      isExchange: false,
      hasHeader: false,
    });
    assert.ok(await cancellable.tickRaw());
    await cancellable.cancel();
  }
  assert.equal(await echo(client, "echo_string", new Utf8(), "done", "Utf8"), "done");
  client.close();
  const { code, signal } = await within(EXIT_TIMEOUT_MS, exited, "worker exit after client.close()");
  assert.equal(signal, null);
  assert.equal(code, 0);
});

test("client.close() makes the worker exit with code 0", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client, exited } = startWorker(t);
  assert.equal(await echo(client, "echo_string", new Utf8(), "bye", "Utf8"), "bye");
  // close() ends the worker's stdin; at a request boundary that means a clean exit.
  client.close();
  const { code, signal } = await within(EXIT_TIMEOUT_MS, exited, "worker exit after client.close()");
  assert.equal(signal, null, "worker must exit on its own, not by signal");
  assert.equal(code, 0, "worker exit code");
});

test("a worker that got no request at all exits with code 0 on stdin EOF", { timeout: TEST_TIMEOUT_MS }, async (t) => {
  const { client, exited } = startWorker(t);
  client.close();
  const { code, signal } = await within(EXIT_TIMEOUT_MS, exited, "worker exit on immediate stdin EOF");
  assert.equal(signal, null);
  assert.equal(code, 0);
});
