// An MCP client test with the official TypeScript SDK: its Client, over
// StdioClientTransport, starts 'ndoscope mcp' on an index and checks the
// answers against the CLI's, which answer from the same functions.
//
//   node tests/mcp-client.mjs NDOSCOPE DB fixture|kernel
//
// Prints TAP-like lines ("ok N - ...", "not ok N - ...") and exits 1 when
// a check fails.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sdk = join(here, 'js/node_modules/@modelcontextprotocol/sdk/dist/esm');
const { Client } = await import(pathToFileURL(join(sdk, 'client/index.js')));
const { StdioClientTransport } = await import(pathToFileURL(join(sdk, 'client/stdio.js')));

const [ndoscope, db, mode] = process.argv.slice(2);
let n = 0, failed = 0;
const timings = [];

function ok(cond, what, ...detail) {
	n++;
	if (cond) {
		console.log(`ok ${n} - ${what}`);
	} else {
		failed++;
		console.log(`not ok ${n} - ${what}`);
		for (const d of detail)
			console.log(`#   ${typeof d === 'string' ? d : JSON.stringify(d).slice(0, 2000)}`);
	}
	return cond;
}

function cli(...args) {
	return execFileSync(ndoscope, ['--db', db, ...args], { encoding: 'utf8' });
}

function cliError(...args) {
	try {
		execFileSync(ndoscope, ['--db', db, ...args], { encoding: 'utf8', stdio: 'pipe' });
	} catch (e) {
		return e.stderr.replace(/^error: /, '').replace(/\n$/, '');
	}
	return null;
}

const client = new Client({ name: 'ndoscope-test', version: '1.0.0' });
const transport = new StdioClientTransport({ command: ndoscope, args: ['--db', db, 'mcp'], stderr: 'pipe' });

async function call(name, args) {
	const t0 = process.hrtime.bigint();
	const r = await client.callTool({ name, arguments: args });
	timings.push([name, Number(process.hrtime.bigint() - t0) / 1e6]);
	return r;
}

const hopsChain = (hops, from, to) => hops.length > 0 && hops[0].caller === from &&
	hops[hops.length - 1].callee === to && hops.every((h, i) => i === 0 || hops[i - 1].callee === h.caller);

// An edge of the CLI's JSON as the tools give it: provenance first, the rest after.
function edge(x) {
	const { caller, callee, kind, via, file, line, bound_file, bound_line, ...rest } = x;
	return { caller, callee, kind, via, call_site: file ? `${file}:${line}` : null,
		binding_site: bound_file ? `${bound_file}:${bound_line}` : null, type_only: kind === 'type', ...rest };
}

// Every edge inside a CLI document, as the tools give it.
function provenance(v) {
	if (Array.isArray(v))
		return v.map(provenance);
	if (v === null || typeof v !== 'object')
		return v;
	if ('caller' in v && 'callee' in v && 'kind' in v)
		return edge(v);
	return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, provenance(x)]));
}

// A journey's answer: the CLI's -f json document, its edges with their provenance.
function sameJourney(r, argv, what) {
	const doc = JSON.parse(cli('journey', '-f', 'json', ...argv))[0];
	const s = r.structuredContent;
	const edges = [...(s?.segments ?? []).flatMap((g) => g.hops), ...(s?.waits ?? [])];
	ok(!r.isError && JSON.stringify(s) === JSON.stringify(provenance(doc)), `${what}: the document of journey -f json`,
		r.isError ? r : '', s?.summary, doc.summary);
	ok(edges.length > 0 && edges.every((h) => 'call_site' in h && 'binding_site' in h && 'type_only' in h &&
		(h.kind === 'direct' || h.binding_site)), `${what}: every hop and wait with its provenance`, edges);
	ok(r.content[0].text === cli('journey', ...argv), `${what}: the text is journey's Markdown`);
	return s;
}

async function journeyError() {
	const r = await call('journey', { name: 'tcp4-lo' });
	const want = cliError('journey', 'tcp4-lo');
	ok(r.isError === true && want && r.content[0].text === want, `journey tcp4-lo without its TUs: the CLI's message (${want})`, r);
}

async function journeyUnix() {
	const r = await call('journey', { name: 'unix-stream' });
	const s = sameJourney(r, ['unix-stream'], 'journey unix-stream');
	ok(s?.segments?.some((g) => g.hops.some((h) => h.kind === 'field' && /^proto_ops\./.test(h.via))),
		'journey unix-stream: through proto_ops, with the binding site', s?.segments);
}

// The mini trip of fixtures/tree/trip, whose journeys are files in the tree.
async function tripChecks() {
	const tree = JSON.parse(cli('sql', '--json', "SELECT value FROM meta WHERE key = 'tree'"))[0].value;
	let r = await call('journey', { name: 'trip/lo.journey' });
	const s = sameJourney(r, [`${tree}/trip/lo.journey`], 'journey trip/lo.journey');
	ok(s?.waits?.some((w) => w.kind === 'softirq' && w.via === 'NET_RX_SOFTIRQ' && w.binding_site),
		'journey trip/lo.journey: the NET_RX softirq among the waits, where it is registered', s?.waits);
	r = await call('journey', { name: `${tree}/trip/unix.journey` });
	ok(!r.isError && r.structuredContent.name === 'unix', 'journey: an absolute path inside the tree', r);
	r = await call('journey', { name: 'nope' });
	ok(r.isError === true && /^no journey named 'nope': give tcp4-lo, unix-stream/.test(r.content[0].text),
		'journey nope: names the shipped journeys', r);
	for (const name of ['../../../../etc/x.journey', 'trip/../../../x.journey', '/etc/passwd', 'trip/socket.c',
		'/tmp/x.journey']) {
		r = await call('journey', { name });
		ok(r.isError === true && !/No such file|ENOENT/.test(r.content[0].text),
			`journey ${name}: refused, telling nothing of what is outside the tree`, r);
	}
}

async function stackChecks() {
	// callers loopback_xmit: through net_device_ops.ndo_start_xmit, with its binding site
	let r = await call('callers', { function: 'loopback_xmit' });
	const e = r.structuredContent?.edges?.find((x) => x.caller === '__netdev_start_xmit');
	const bind = JSON.parse(cli('sql', '--json',
		"SELECT file || ':' || line AS site FROM bindings WHERE table_name = 'loopback_ops' AND field = 'ndo_start_xmit'"));
	ok(!r.isError && e && e.kind === 'field' && e.via === 'net_device_ops.ndo_start_xmit',
		'callers loopback_xmit: __netdev_start_xmit through net_device_ops.ndo_start_xmit', r);
	ok(e && e.binding_site === bind[0].site && e.type_only === false,
		`callers loopback_xmit: the binding site is loopback_ops' initializer (${bind[0]?.site})`, e);
	ok(e && /^include\/linux\/netdevice\.h:\d+$/.test(e.call_site), 'callers loopback_xmit: the call site is in netdevice.h', e);
	ok(r.content[0].text === cli('callers', 'loopback_xmit'), 'callers: the text is what the CLI prints',
		r.content[0].text, cli('callers', 'loopback_xmit'));
	const cliEdges = JSON.parse(cli('callers', 'loopback_xmit', '--json'));
	ok(JSON.stringify(cliEdges.map((x) => `${x.caller} ${x.kind} ${x.via} ${x.file}:${x.line} ${x.bound_file}:${x.bound_line}`)) ===
		JSON.stringify(r.structuredContent.edges.map((x) => `${x.caller} ${x.kind} ${x.via} ${x.call_site} ${x.binding_site}`)),
		'callers: the edges are the CLI --json edges');

	// path __dev_queue_xmit -> enqueue_to_backlog via loopback_xmit
	r = await call('path', { from: '__dev_queue_xmit', to: 'enqueue_to_backlog', via: ['loopback_xmit'] });
	const hops = r.structuredContent?.paths?.[0]?.hops ?? [];
	ok(!r.isError && hopsChain(hops, '__dev_queue_xmit', 'enqueue_to_backlog'),
		'path __dev_queue_xmit enqueue_to_backlog: a chain of hops from one to the other', r);
	ok(hops.some((h) => h.callee === 'loopback_xmit' && h.kind === 'field' && h.binding_site),
		'path: through loopback_xmit, reached by ndo_start_xmit with its binding site', hops);
	ok(JSON.stringify(r.structuredContent.via) === '["loopback_xmit"]', 'path: says the via it went through');
	const cliPath = JSON.parse(cli('path', '__dev_queue_xmit', 'enqueue_to_backlog', '--via', 'loopback_xmit', '--json'));
	ok(JSON.stringify(cliPath.paths[0].hops.map((h) => h.callee)) === JSON.stringify(hops.map((h) => h.callee)),
		'path: the same hops as the CLI');

	// report lo
	r = await call('report', { name: 'lo' });
	const cliReport = JSON.parse(cli('report', 'lo', '-f', 'json'));
	ok(!r.isError && r.structuredContent.devices.length >= 1 && r.structuredContent.total === cliReport.length,
		'report lo: the devices of the CLI report', r.structuredContent);
	const edgeKey = (x) => `${x.caller} ${x.callee} ${x.kind} ${x.via} ${x.call_site ?? `${x.file}:${x.line}`} ` +
		`${x.binding_site ?? (x.bound_file ? `${x.bound_file}:${x.bound_line}` : null)}`;
	const sansPath = (d) => JSON.stringify({ ...d, transmit_path: undefined });
	ok(r.structuredContent.devices.every((d, i) => sansPath(d) === sansPath(cliReport[i])),
		'report lo: the same document as report -f json');
	const tp = r.structuredContent.devices[0]?.transmit_path ?? [];
	ok(tp.length > 0 && tp.every((h) => 'call_site' in h && 'binding_site' in h && 'type_only' in h) &&
		JSON.stringify(tp.map(edgeKey)) === JSON.stringify(cliReport[0].transmit_path.map(edgeKey)),
		"report lo: the transmit path's edges, with their provenance", tp);
	ok(tp.some((h) => h.callee === 'loopback_xmit' && h.via === 'net_device_ops.ndo_start_xmit' && h.binding_site),
		'report lo: the path reaches loopback_xmit through ndo_start_xmit, with its binding site');
	ok(/^# lo\n/.test(r.content[0].text), "report lo: the text is the Markdown report", r.content[0].text.slice(0, 200));

	// errors are tool errors with the CLI's message
	r = await call('callers', { function: 'loopback_xmt' });
	ok(r.isError === true && r.content[0].text === cliError('callers', 'loopback_xmt'),
		"callers loopback_xmt: a tool error with the CLI's 'did you mean'", r, cliError('callers', 'loopback_xmt'));
	for (const [tool, args, argv] of [
		['callees', { function: 'loopback_xmt' }, ['callees', 'loopback_xmt']],
		['path', { from: '__dev_queue_xmt', to: 'enqueue_to_backlog' }, ['path', '__dev_queue_xmt', 'enqueue_to_backlog']],
		['path', { from: '__dev_queue_xmit', to: 'enqueue_to_backlog', via: ['loopback_xmt'] },
			['path', '__dev_queue_xmit', 'enqueue_to_backlog', '--via', 'loopback_xmt']],
		['impl', { field: 'net_device_ops.ndo_start_xmt' }, ['impl', 'net_device_ops.ndo_start_xmt']],
		['ops', { name: 'loopback_opz' }, ['ops', 'loopback_opz']],
		['refs', { function: 'loopback_xmt' }, ['refs', 'loopback_xmt']],
		['report', { name: 'no_such_driver' }, ['report', 'no_such_driver']]]) {
		r = await call(tool, args);
		const want = cliError(...argv);
		ok(r.isError === true && want && r.content[0].text === want, `${tool} ${JSON.stringify(args)}: the CLI's message`,
			r, want);
	}
	r = await call('callers', { function: 'loopback_xmit', depth: 0 });
	ok(r.isError === true && /depth/.test(r.content[0].text), 'a depth of 0 is refused by the schema', r);
	r = await call('callers', { funtion: 'loopback_xmit' });
	ok(r.isError === true && /no argument 'funtion'/.test(r.content[0].text), 'a misspelt argument is named', r);
	try {
		await client.callTool({ name: 'no_such_tool', arguments: {} });
		ok(false, 'an unknown tool is a JSON-RPC error');
	} catch (err) {
		ok(err.code === -32602, 'an unknown tool is a JSON-RPC error (-32602)', String(err));
	}

	// bounded answers
	const all = JSON.parse(cli('callers', 'enqueue_to_backlog', '--depth', '3', '--json'));
	r = await call('callers', { function: 'enqueue_to_backlog', depth: 3, limit: 2 });
	ok(r.structuredContent.edges.length === Math.min(2, all.length) && r.structuredContent.total === all.length &&
		r.structuredContent.truncated === (all.length > 2),
		`callers with limit 2: 2 of ${all.length} edges, truncated and the total`, r.structuredContent);

	// sync_only: the same edges as --sync-only
	const async = mode === 'kernel' ? [['enqueue_to_backlog', 'callees'], ['process_backlog', 'callers']] :
		[['backlog_defer', 'callees'], ['sock_wait_data', 'callers']];
	for (const [fn, dir] of async) {
		r = await call(dir, { function: fn });
		ok(!r.isError && r.structuredContent.edges.some((x) => !['direct', 'field', 'param', 'type'].includes(x.kind) &&
			x.via && x.binding_site), `${dir} ${fn}: a hand-off edge, with its object and where it is registered`,
			r.structuredContent);
		const want = JSON.parse(cli(dir, fn, '--sync-only', '--json')).map((x) => `${x.caller} ${x.callee} ${x.kind}`);
		r = await call(dir, { function: fn, sync_only: true });
		ok(!r.isError && JSON.stringify(r.structuredContent.edges.map((x) => `${x.caller} ${x.callee} ${x.kind}`)) ===
			JSON.stringify(want.slice(0, 50)) && r.structuredContent.edges.every((x) => ['direct', 'field', 'param'].includes(x.kind)),
			`${dir} ${fn} with sync_only: calls only, as --sync-only`, r.structuredContent, want);
	}

	r = await call('impl', { field: 'net_device_ops.ndo_start_xmit' });
	ok(!r.isError && r.structuredContent.bindings.some((b) => b.function === 'loopback_xmit'),
		'impl net_device_ops.ndo_start_xmit: loopback_xmit among them', r);
	r = await call('ops', { name: 'loopback_ops' });
	ok(!r.isError && r.structuredContent.tables[0]?.members.some((m) => m.function === 'loopback_xmit'),
		'ops loopback_ops: its members', r);
	r = await call('refs', { function: 'loopback_xmit' });
	ok(!r.isError && r.structuredContent.refs.length === cli('refs', 'loopback_xmit').trim().split('\n').length,
		'refs loopback_xmit: as many as the CLI', r);
	r = await call('flags', { value: '0x19' });
	const feat = JSON.parse(cli('query', 'decode-features', '-P', 'value=25', '--json')).map((f) => f.name).join(' ');
	ok(!r.isError && feat.split(' ').length === 3 && r.structuredContent.flags.map((f) => f.name).join(' ') === feat &&
		r.structuredContent.unknown_bits === '0x0', `flags 0x19: ${feat}, as query decode-features says`, r.structuredContent);
	r = await call('flags', { value: 9, family: 'flags' });
	ok(!r.isError && r.structuredContent.flags.map((f) => f.name).includes('IFF_UP'), 'flags 9 of dev->flags: IFF_UP', r.structuredContent);

	// sql: read-only, bounded
	r = await call('sql', { query: "SELECT name FROM functions WHERE name LIKE 'loopback%' ORDER BY name", limit: 1 });
	ok(!r.isError && r.structuredContent.rows.length === 1 && r.structuredContent.truncated === true,
		'sql: one row of several, truncated', r.structuredContent);
	for (const [q, what] of [["ATTACH DATABASE '/tmp/x.db' AS x", 'ATTACH'], ['DELETE FROM sym', 'a write'],
		["SELECT load_extension('/tmp/x')", 'load_extension'], ['PRAGMA query_only = 0', 'a pragma that sets'],
		['SELECT 1; DELETE FROM sym', 'two statements']]) {
		r = await call('sql', { query: q });
		ok(r.isError === true, `sql refuses ${what}`, r);
	}

	// source: lines, and the targets of an indirect call on them
	const site = JSON.parse(cli('sql', '--json',
		"SELECT file, line FROM calls WHERE caller = '__netdev_start_xmit' AND kind = 'field' LIMIT 1"))[0];
	r = await call('source', { file: site.file, start: site.line - 1, end: site.line + 1 });
	const line = r.structuredContent?.lines?.find((l) => l.line === site.line);
	const call0 = line?.calls.find((c) => c.kind === 'field');
	ok(!r.isError && /ndo_start_xmit/.test(line?.text ?? ''), `source ${site.file}:${site.line}: the line`, r);
	ok(call0 && call0.targets.some((t) => t.callee === 'loopback_xmit' && t.binding_site === bind[0].site),
		'source: the indirect call lists loopback_xmit with its binding site', call0);

	// resources: the tree's files, and nothing outside it
	const res = await client.listResources();
	const lo = res.resources.find((x) => x.name === 'drivers/net/loopback.c');
	ok(lo && lo.uri.startsWith('file:///'), 'resources/list: drivers/net/loopback.c as a file:// URI', res.resources.slice(0, 3));
	const body = await client.readResource({ uri: lo.uri });
	ok(/loopback_xmit/.test(body.contents[0].text), 'resources/read: the file');
	for (const uri of ['file:///etc/passwd', lo.uri.replace('drivers/net/loopback.c', '../../../../etc/passwd'),
		lo.uri.replace('drivers/net/loopback.c', 'drivers/net/../../../etc/passwd')]) {
		try {
			await client.readResource({ uri });
			ok(false, `resources/read refuses ${uri}`);
		} catch (err) {
			ok(err.code === -32002, `resources/read refuses ${uri}`, String(err));
		}
	}
	r = await call('source', { file: '../../../etc/passwd' });
	ok(r.isError === true, 'source refuses a path outside the index', r);

}

try {
	await client.connect(transport);
	ok(client.getServerVersion()?.name === 'ndoscope', 'initialize: the server says it is ndoscope');
	ok(typeof client.getInstructions() === 'string', 'initialize: with instructions');

	const { tools } = await client.listTools();
	const names = tools.map((t) => t.name).sort();
	const want = ['callees', 'callers', 'flags', 'impl', 'journey', 'ops', 'path', 'refs', 'report', 'source', 'sql'];
	ok(JSON.stringify(names) === JSON.stringify(want), 'tools/list has the eleven tools', names);
	ok(tools.every((t) => t.inputSchema?.type === 'object' && t.outputSchema?.type === 'object'),
		'every tool has an input and an output schema');
	ok(tools.find((t) => t.name === 'path').inputSchema.properties.via.type === 'array',
		'path takes via as an array');

	if (mode === 'trip')
		await tripChecks();
	else
		await stackChecks();
	await journeyError();
	if (mode === 'kernel')
		await journeyUnix();

	await client.ping();
	ok(true, 'ping');
} catch (err) {
	ok(false, 'the client session', String(err.stack || err));
} finally {
	await client.close();
}
const ms = timings.map(([, t]) => t).sort((a, b) => a - b);
if (ms.length)
	console.log(`# ${mode}: ${ms.length} tool calls, median ${ms[ms.length >> 1].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms (${timings.filter(([, t]) => t === ms[ms.length - 1])[0][0]})`);
console.log(`# mcp-client ${mode}: ${n - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
