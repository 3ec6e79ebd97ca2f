// Fuzzing 'ndoscope mcp' with malformed and hostile messages: truncated
// JSON, wrong types, huge strings, unknown methods, SQL in names, wrong
// jsonrpc versions, batches, null ids, bad UTF-8, deep nesting. After each
// message comes a ping: everything the server says before the ping's
// answer answers that message. Each request must get exactly one answer
// with its id, each notification none, each unparseable line one error
// with a null id; every answer must be well-formed JSON-RPC 2.0, and the
// server must be alive at the end.
//
//   node tests/mcp-fuzz.mjs NDOSCOPE DB [COUNT] [SEED]
import { spawn } from 'node:child_process';

const [ndoscope, db, countArg, seedArg] = process.argv.slice(2);
const COUNT = Number(countArg || 10000);
let seed = Number(seedArg || 12);

// mulberry32: a small deterministic PRNG
function rand() {
	seed |= 0;
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const names = ['loopback_xmit', 'enqueue_to_backlog', '__dev_queue_xmit', 'init_one', 'veth.c:init_one',
	'no_such_fn', '', ' ', "x'; DROP TABLE sym; --", "' OR 1=1 --", 'net_device_ops.ndo_start_xmit',
	'%s%s%n', '../../etc/passwd', 'loopback_ops', 'lo', 'ndo_start_xmit', '\u0000', 'é\u2028\ud83d\ude00',
	'a'.repeat(600), 'SELECT * FROM sym', 'drivers/net/loopback.c', '/etc/passwd', 'file:///etc/passwd',
	'tcp4-lo', 'unix-stream', 'trip/lo.journey', '../x.journey'];
const tools = ['callers', 'callees', 'path', 'impl', 'ops', 'refs', 'report', 'flags', 'sql', 'source',
	'journey', 'nope', '', 'CALLERS', 'callers ', '__proto__', 'constructor'];
const argKeys = ['function', 'from', 'to', 'via', 'field', 'name', 'value', 'family', 'query', 'file',
	'start', 'end', 'limit', 'depth', 'include_type_matches', 'bogus', '__proto__'];
const queries = ['SELECT 1', 'SELECT * FROM functions', 'DELETE FROM sym', "ATTACH 'x.db' AS x",
	'DETACH main', "SELECT load_extension('x')", 'PRAGMA writable_schema = 1', 'PRAGMA table_info(sym)',
	'SELECT 1; SELECT 2', 'CREATE TEMP TABLE t(x)', 'BEGIN', 'VACUUM', "SELECT readfile('/etc/passwd')",
	'SELECT zeroblob(100000000)', 'SELECT ?1', 'SELECT :x', 'select', ';', '', '-- nothing',
	'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c LIMIT 100000) SELECT count(*) FROM c',
	"SELECT printf('%.*c', 20000000, 'x')", 'SELECT * FROM calls, functions LIMIT 5'];

function value() {
	switch (int(0, 11)) {
	case 0: return pick(names);
	case 1: return int(-5, 100);
	case 2: return rand() * 1e6;
	case 3: return null;
	case 4: return rand() < 0.5;
	case 5: return [pick(names), pick(names)];
	case 6: return { a: pick(names) };
	case 7: return 'x'.repeat(int(0, 5000));
	case 8: return pick(queries);
	case 9: return 2 ** 63;
	case 10: return -(2 ** 53);
	default: return pick(['0x19', '25', '0xffffffffffffffff', '-1', 'garbage', '0x', '1e3']);
	}
}

function args() {
	const o = {};
	for (let i = int(0, 4); i > 0; i--)
		o[pick(argKeys)] = value();
	return o;
}

let nextId = 1;
function id() {
	return rand() < 0.7 ? nextId++ : `s-${nextId++}`;
}

// A valid-looking request, then maybe damaged.
function request() {
	const method = pick(['tools/call', 'tools/call', 'tools/call', 'tools/list', 'ping', 'initialize',
		'resources/list', 'resources/read', 'resources/templates/list', 'prompts/list', 'logging/setLevel',
		'completion/complete', 'shutdown', 'exit', '', 'tools/call/extra', 'rpc.discover']);
	let params;
	if (method === 'tools/call')
		params = { name: pick(tools), arguments: rand() < 0.8 ? args() : value() };
	else if (method === 'initialize')
		params = { protocolVersion: pick(['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05', '1999-01-01', 7]),
			capabilities: {}, clientInfo: { name: 'fuzz', version: '0' } };
	else if (method === 'resources/read')
		params = { uri: pick(['file:///etc/passwd', 'file://', 'http://x', 'file:///%00', 'file:///%2e%2e/',
			pick(names), 'file:///tmp/../etc/shadow', value()]) };
	else if (method === 'resources/list')
		params = rand() < 0.5 ? {} : { cursor: pick(['0', '500', '-1', 'x', '99999999999999999999', value()]) };
	else if (rand() < 0.3)
		params = args();
	return { jsonrpc: '2.0', id: id(), method, ...(params !== undefined ? { params } : {}) };
}

// Each generator gives [line, expectation]: 'answer' (one answer, the
// request's id), 'none', 'error-null' (one error with a null id),
// 'batch' (one answer: an array, or an error), 'one' (one answer of any id).
const gens = [
	// plain requests of every method and tool
	() => { const r = request(); return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	() => { const r = request(); return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	() => { const r = request(); return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	// truncated JSON
	() => { const s = JSON.stringify(request()); return [s.slice(0, int(1, s.length - 1)), { want: 'error-null' }]; },
	// not JSON at all
	() => [pick(['garbage', '{', '}', '{"jsonrpc":', 'nul', 'tru', '[1,', '"unterminated', '{"a":1,}',
		"{'single':'quotes'}", '{"id":1 "method":"ping"}', '\u0000', '0x10', 'NaN', '-']), { want: 'error-null' }],
	// valid JSON, but not an object
	() => [pick(['1', '"ping"', 'true', 'null', '3.5', '"' + 'x'.repeat(int(0, 1000)) + '"']), { want: 'error-null' }],
	// wrong jsonrpc
	() => { const r = request(); r.jsonrpc = pick(['1.0', 2, 2.0, null, '', '2.0 ', ['2.0']]); return [JSON.stringify(r), { want: 'one' }]; },
	() => { const r = request(); delete r.jsonrpc; return [JSON.stringify(r), { want: 'one' }]; },
	// wrong id types
	() => { const r = request(); r.id = pick([null, 1.5, true, {}, [], [1], { id: 1 }]); return [JSON.stringify(r), { want: 'error-null' }]; },
	// wrong method and params types
	() => { const r = request(); r.method = pick([1, null, true, {}, ['ping']]); return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	() => { const r = request(); r.params = pick([1, 'x', true, null]); return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	() => { const r = request(); r.params = [r.params]; return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	// notifications: no answer, whatever the method
	() => { const r = request(); delete r.id; return [JSON.stringify(r), { want: 'none' }]; },
	() => [JSON.stringify({ jsonrpc: '2.0', method: pick(['notifications/initialized', 'notifications/cancelled',
		'notifications/progress', 'notifications/roots/list_changed', 'nope']), params: { requestId: 1 } }), { want: 'none' }],
	// a response from the client: nothing to answer
	() => [JSON.stringify({ jsonrpc: '2.0', id: id(), result: {} }), { want: 'none' }],
	// a message with an id but neither a method nor a result
	() => { const i = id(); return [JSON.stringify({ jsonrpc: '2.0', id: i }), { want: 'answer', id: i }]; },
	// huge strings
	() => { const r = { jsonrpc: '2.0', id: id(), method: 'tools/call', params: { name: pick(['callers', 'refs', 'impl', 'source', 'sql']),
		arguments: { [pick(['function', 'field', 'file', 'query'])]: 'A'.repeat(int(1000, 300000)) } } };
	return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	() => { const r = { jsonrpc: '2.0', id: id(), method: 'm'.repeat(int(100, 100000)) }; return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	// SQL and format strings in names
	() => { const r = { jsonrpc: '2.0', id: id(), method: 'tools/call', params: { name: pick(['callers', 'callees', 'refs', 'impl', 'ops', 'report', 'path']),
		arguments: { function: pick(names), from: pick(names), to: pick(names), field: pick(names), name: pick(names) } } };
	return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	() => { const r = { jsonrpc: '2.0', id: id(), method: 'tools/call', params: { name: 'sql', arguments: { query: pick(queries), limit: pick([1, 5, 1000, 0, -1, 1e9]) } } };
	return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	() => { const r = { jsonrpc: '2.0', id: id(), method: 'tools/call', params: { name: 'source',
		arguments: { file: pick(['drivers/net/loopback.c', 'include/linux/netdevice.h', '../x', '/etc/passwd', pick(names)]),
			start: pick([1, 0, -3, 100, 1e7, 5.5]), end: pick([undefined, 1, 20, 3000, 1e8]) } } };
	return [JSON.stringify(r), { want: 'answer', id: r.id }]; },
	// batches
	() => { const b = []; const ids = []; for (let i = int(1, 6); i > 0; i--) { const r = request(); if (r.method === 'initialize') r.method = 'ping'; if (rand() < 0.3) delete r.id; else ids.push(r.id); b.push(r); }
	return [JSON.stringify(b), { want: ids.length ? 'batch' : 'none', ids }]; },
	() => [pick(['[]', '[1,2,3]', '[[]]', '[null]', '[{}]', '[' + '1,'.repeat(200) + '1]']), { want: 'batch', ids: [] }],
	// deep nesting
	() => { const d = int(10, 100000); return ['['.repeat(d) + ']'.repeat(d), { want: d < 2000 ? 'batch' : 'error-null', ids: [] }]; },
	() => { const d = int(10, 5000); return [JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: {} }).slice(0, -1) + ',"x":' + '{"a":'.repeat(d) + '1' + '}'.repeat(d) + '}',
		{ want: 'one' }]; },
	// bad UTF-8 and control bytes
	() => [Buffer.concat([Buffer.from('{"jsonrpc":"2.0","id":1,"method":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]), { want: 'error-null' }],
	() => [JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'callers', arguments: { function: '\ud800x' } } }), { want: 'one' }],
	// random bytes
	() => { const b = Buffer.alloc(int(1, 300)); for (let i = 0; i < b.length; i++) b[i] = int(0, 255); for (let i = 0; i < b.length; i++) if (b[i] === 10) b[i] = 32;
	return [b, { want: 'maybe' }]; },
	// big numbers, duplicate keys, exotic ids
	() => [`{"jsonrpc":"2.0","id":${pick(['1e400', '99999999999999999999', '-0', '1.0', '0'])},"method":"ping"}`, { want: 'one' }],
	() => [`{"jsonrpc":"2.0","id":5,"method":"ping","method":"tools/list"}`, { want: 'one' }],
	() => [JSON.stringify({ jsonrpc: '2.0', id: pick(['', 'x'.repeat(10000), '\u0000', 'null']), method: 'ping' }), { want: 'one' }],
];

const child = spawn(ndoscope, ['--db', db, 'mcp'], { stdio: ['pipe', 'pipe', 'pipe'] });
let stderr = '';
child.stderr.on('data', (d) => { stderr += d; });
let exited = null;
child.on('exit', (code, sig) => { exited = `exit ${code} signal ${sig}`; });
child.stdin.on('error', () => {});

let buf = '';
let pending = [];
let waiter = null;
child.stdout.setEncoding('utf8');
child.stdout.on('data', (d) => {
	buf += d;
	let nl;
	while ((nl = buf.indexOf('\n')) >= 0) {
		const line = buf.slice(0, nl);
		buf = buf.slice(nl + 1);
		let msg;
		try {
			msg = JSON.parse(line);
		} catch {
			msg = { unparseable: line.slice(0, 200) };
		}
		if (msg && msg.id === '__barrier__' && waiter) {
			const w = waiter;
			waiter = null;
			w(pending);
			pending = [];
		} else {
			pending.push(msg);
		}
	}
});

function send(line) {
	return new Promise((resolve, reject) => {
		if (exited)
			return reject(new Error(`the server died: ${exited}`));
		waiter = resolve;
		child.stdin.write(line);
		child.stdin.write('\n{"jsonrpc":"2.0","id":"__barrier__","method":"ping"}\n');
		const t = setTimeout(() => reject(new Error('no answer in 30 s: the server hangs')), 30000);
		const orig = waiter;
		waiter = (x) => { clearTimeout(t); orig(x); };
	});
}

function wellFormed(m) {
	if (!m || typeof m !== 'object' || m.unparseable !== undefined)
		return false;
	const one = (x) => x.jsonrpc === '2.0' && ('result' in x) !== ('error' in x) &&
		(!('error' in x) || (Number.isInteger(x.error.code) && typeof x.error.message === 'string'));
	return Array.isArray(m) ? m.length > 0 && m.every(one) : one(m);
}

function check(exp, got, line) {
	if (!got.every(wellFormed))
		return 'an answer is not well-formed JSON-RPC 2.0';
	// integers beyond 64 bits are not read (jansson): a parse error is the answer
	if (/\d{19,}|e\+?\d{3}/.test(String(line)) && got.length === 1 && got[0].id === null && got[0].error?.code === -32700)
		return null;
	switch (exp.want) {
	case 'answer':
		if (got.length !== 1 || Array.isArray(got[0]) || got[0].id !== exp.id)
			return `want one answer with id ${JSON.stringify(exp.id)}`;
		if (got[0].result && got[0].result.content && !Array.isArray(got[0].result.content))
			return 'a tool result without a content array';
		return null;
	case 'none':
		return got.length ? 'want no answer' : null;
	case 'error-null':
		return got.length === 1 && got[0].error && got[0].id === null ? null : 'want one error with a null id';
	case 'one':
		return got.length === 1 ? null : 'want one answer';
	case 'batch':
		if (got.length !== 1)
			return 'want one answer to the batch';
		if (Array.isArray(got[0]))
			return exp.ids.every((i) => got[0].some((r) => r.id === i)) ? null : 'a batch answer lacks a request';
		return got[0].error ? null : 'want an array or an error';
	default:
		return got.length <= 1 ? null : 'more than one answer';
	}
}

const t0 = Date.now();
let failures = 0, answered = 0;
const counts = {};
try {
	for (let i = 0; i < COUNT; i++) {
		const g = int(0, gens.length - 1);
		const [line, exp] = gens[g]();
		const got = await send(line);
		answered += got.length;
		counts[exp.want] = (counts[exp.want] || 0) + 1;
		const why = check(exp, got, line);
		if (why) {
			failures++;
			if (failures <= 20)
				console.log(`not ok - message ${i} (generator ${g}): ${why}\n#   sent: ${String(line).slice(0, 300)}\n#   got: ${JSON.stringify(got).slice(0, 500)}`);
		}
	}
	const last = await send('{"jsonrpc":"2.0","id":"last","method":"tools/call","params":{"name":"callers","arguments":{"function":"loopback_xmit"}}}');
	if (last.length !== 1 || !last[0].result || last[0].result.isError)
		failures++, console.log('not ok - the server answers a real question after the fuzz', JSON.stringify(last).slice(0, 300));
} catch (e) {
	failures++;
	console.log(`not ok - ${e.message}\n#   stderr: ${stderr.slice(-2000)}`);
}
child.stdin.end();
await new Promise((r) => (exited ? r() : child.on('exit', r)));
const secs = (Date.now() - t0) / 1000;
console.log(`# ${COUNT} messages (${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}), ${answered} answers, ${secs.toFixed(1)} s; server ${exited}`);
if (!/exit 0/.test(exited || '')) {
	failures++;
	console.log(`not ok - the server exits cleanly at the end of its input (${exited})\n#   stderr: ${stderr.slice(-2000)}`);
}
console.log(failures ? `not ok - mcp fuzz: ${failures} failures` : 'ok - mcp fuzz: every message answered as it should be, the server alive');
process.exit(failures ? 1 : 0);
