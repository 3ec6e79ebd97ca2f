// tools/call latency of 'ndoscope mcp', as a client sees it: the official
// SDK's Client over StdioClientTransport (tests/js/node_modules), each
// call timed from callTool() to its result, N times each after one warm-up.
//
//   node bench/mcp.mjs NDOSCOPE DB [N]
//
// Prints one line per call: p50, p95 and max in milliseconds, and the
// time from spawning the server to the end of initialize.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const sdk = join(dirname(fileURLToPath(import.meta.url)), '../tests/js/node_modules/@modelcontextprotocol/sdk/dist/esm');
const { Client } = await import(pathToFileURL(join(sdk, 'client/index.js')));
const { StdioClientTransport } = await import(pathToFileURL(join(sdk, 'client/stdio.js')));

const [ndoscope, db, nArg] = process.argv.slice(2);
const N = Number(nArg || 100);
const calls = [
	['callers', { function: 'loopback_xmit' }],
	['callers', { function: 'enqueue_to_backlog', depth: 3 }],
	['callees', { function: '__dev_queue_xmit' }],
	['path', { from: '__dev_queue_xmit', to: 'enqueue_to_backlog', via: ['loopback_xmit'] }],
	['impl', { field: 'net_device_ops.ndo_start_xmit' }],
	['refs', { function: 'loopback_xmit' }],
	['report', { name: 'lo' }],
	['journey', { name: 'unix-stream' }],
	['flags', { value: '0x19' }],
	['sql', { query: "SELECT count(*) AS n FROM edges WHERE kind = 'field'" }],
	['source', { file: 'drivers/net/loopback.c', start: 1, end: 100 }],
];

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const q = (a, p) => a[Math.min(a.length - 1, Math.floor(a.length * p))];
const client = new Client({ name: 'ndoscope-bench', version: '1.0.0' });
let t0 = process.hrtime.bigint();
await client.connect(new StdioClientTransport({ command: ndoscope, args: ['--db', db, 'mcp'], stderr: 'ignore' }));
console.log(`initialize (spawn to initialized): ${ms(t0).toFixed(1)} ms`);
for (const [name, args] of calls) {
	const r = await client.callTool({ name, arguments: args });
	if (r.isError)
		console.log(`# ${name} ${JSON.stringify(args)}: ${r.content[0].text}`);
	const t = [];
	for (let i = 0; i < N; i++) {
		t0 = process.hrtime.bigint();
		await client.callTool({ name, arguments: args });
		t.push(ms(t0));
	}
	t.sort((a, b) => a - b);
	const bytes = JSON.stringify(r).length;
	console.log(`${name} ${JSON.stringify(args)}: p50 ${q(t, 0.5).toFixed(2)} ms, p95 ${q(t, 0.95).toFixed(2)} ms, ` +
		`max ${t[t.length - 1].toFixed(2)} ms (${N} calls, ${bytes} bytes)`);
}
await client.close();
