// The source browser in a real browser: Debian's chromium, headless, driven
// by playwright-core. Run by tests/browser.sh, which indexes the trees and
// starts 'ndoscope serve'. Environment:
//   NDO_URL      serve on the 6.12 index (loopback.c, veth.c, dummy.c, dev.c)
//   NDO_HOSTILE  serve on fixtures/hostile
//   NDO_EXPORT   file:// URL of 'ndoscope html' of fixtures/hostile
//   NDO_XMIT_LINE  the line of __netdev_start_xmit in include/linux/netdevice.h
//   OUT          where the screenshots go
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import path from 'node:path';

const { NDO_URL, NDO_HOSTILE, NDO_EXPORT, NDO_XMIT_LINE, OUT } = process.env;
let failures = 0, n = 0;

async function step(name, fn) {
	n++;
	try {
		await fn();
		console.log(`ok ${n} - ${name}`);
	} catch (e) {
		failures++;
		console.log(`not ok ${n} - ${name}`);
		console.log('# ' + String(e && e.stack || e).split('\n').join('\n# '));
	}
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
	args: ['--no-sandbox', '--allow-file-access-from-files'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
const page = await context.newPage();
const problems = [];
page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
const shot = (name) => page.screenshot({ path: path.join(OUT, name) });

await step('loopback_ops: clicking loopback_xmit lands on its definition', async () => {
	problems.length = 0;
	await page.goto(`${NDO_URL}/source/drivers/net/loopback.c`);
	const binding = page.locator('.l', { hasText: '.ndo_start_xmit' }).first();
	await binding.scrollIntoViewIfNeeded();
	await shot('1-loopback-ops.png');
	await binding.locator('a', { hasText: /^loopback_xmit$/ }).click();
	await page.waitForFunction(() => location.hash.startsWith('#L'));
	const target = await page.evaluate(() => {
		const t = document.querySelector(':target');
		return t ? t.textContent : '';
	});
	assert.match(target, /loopback_xmit\(/, `the target line is '${target}'`);
	assert.match(target, /netdev_tx_t/);
	await shot('1-loopback-xmit-definition.png');
	assert.deepEqual(problems, []);
});

await step('__netdev_start_xmit: the indirect call lists its targets with binding sites', async () => {
	problems.length = 0;
	await page.goto(`${NDO_URL}/source/include/linux/netdevice.h#L${NDO_XMIT_LINE}`);
	const block = page.locator('.ind', { hasText: 'net_device_ops.ndo_start_xmit' }).first();
	await block.scrollIntoViewIfNeeded();
	const text = await block.textContent();
	for (const fn of ['loopback_xmit', 'veth_xmit', 'dummy_xmit'])
		assert.match(text, new RegExp(fn), `${fn} is missing from '${text}'`);
	assert.match(text, /bound at drivers\/net\/loopback\.c:\d+/);
	assert.match(text, /bound at drivers\/net\/veth\.c:\d+/);
	assert.match(text, /bound at drivers\/net\/dummy\.c:\d+/);
	await page.evaluate(() => window.scrollBy(0, -200));
	await shot('2-netdev-start-xmit-targets.png');
	// the binding site link leads to the initializer
	await block.locator('a.at', { hasText: /drivers\/net\/veth\.c/ }).first().click();
	await page.waitForURL(/\/veth\.c#L\d+$/);
	await page.waitForLoadState('load');
	const t = await page.evaluate(() => document.querySelector(':target').textContent);
	assert.match(t, /ndo_start_xmit\s*=\s*veth_xmit/);
	assert.deepEqual(problems, []);
});

await step("NETIF_F_SG in loopback's features: the card quotes the kernel's comment", async () => {
	problems.length = 0;
	await page.goto(`${NDO_URL}/source/drivers/net/loopback.c`);
	const line = page.locator('.l', { hasText: 'dev->features' }).first();
	await line.scrollIntoViewIfNeeded();
	await page.evaluate(() => window.scrollBy(0, -150));
	await line.locator('[data-c]', { hasText: /^NETIF_F_SG$/ }).hover();
	const card = page.locator('#card');
	await card.waitFor({ state: 'visible' });
	const text = await card.textContent();
	assert.match(text, /NETIF_F_SG/);
	assert.match(text, /Scatter\/gather IO/);
	await shot('3-netif-f-sg-card.png');
	// close the card, then open the one of EL
	const reopen = async (el) => {
		await page.mouse.move(5, 5);
		await card.waitFor({ state: 'hidden' });
		await el.scrollIntoViewIfNeeded();
		await el.hover();
		await card.waitFor({ state: 'visible' });
	};
	// a function's card: signature, callers, callees
	await reopen(page.locator('.l', { hasText: '.ndo_start_xmit' }).first().locator('a', { hasText: /^loopback_xmit$/ }));
	const ftext = await card.textContent();
	assert.match(ftext, /loopback_xmit\(struct sk_buff \*, struct net_device \*\)/);
	assert.match(ftext, /__netdev_start_xmit/);
	await shot('3-loopback-xmit-card.png');
	// a function-like macro's card: its expansion at this site, one level
	await reopen(page.locator('.l', { hasText: 'alloc_netdev(0, "lo"' }).first().locator('[data-c]', { hasText: /^alloc_netdev$/ }));
	await card.locator('pre.exp').waitFor({ state: 'visible' });
	assert.equal(await card.locator('pre.exp').textContent(),
		'alloc_netdev_mqs(0, "lo", NET_NAME_PREDICTABLE, loopback_setup, 1, 1)');
	await shot('3-alloc-netdev-expansion.png');
	assert.deepEqual(problems, []);
});

await step('search: "enqueue_to" completes to enqueue_to_backlog', async () => {
	problems.length = 0;
	await page.goto(`${NDO_URL}/`);
	await page.locator('#q').pressSequentially('enqueue_to', { delay: 30 });
	const hit = page.locator('#results a', { hasText: 'enqueue_to_backlog' });
	await hit.waitFor({ state: 'visible' });
	await shot('4-search-enqueue-to.png');
	await hit.click();
	await page.waitForURL(/\/fn\/enqueue_to_backlog$/);
	assert.match(await page.locator('h1').textContent(), /enqueue_to_backlog\(/);
	assert.ok(await page.locator('.graph svg').count() > 0, 'no call graph');
	await shot('4-enqueue-to-backlog.png');
	// the graph's nodes link to the functions' pages
	const node = page.locator('.graph svg a', { hasText: 'netif_rx_internal' }).first();
	const href = await node.getAttribute('xlink:href') ?? await node.getAttribute('href');
	assert.match(href, /fn\/netif_rx_internal$/);
	await node.click();
	await page.waitForURL(/\/fn\/netif_rx_internal$/);
	assert.match(await page.locator('h1').textContent(), /netif_rx_internal\(/);
	assert.deepEqual(problems, []);
});

await step('device page: lo, its sections linked into the source', async () => {
	problems.length = 0;
	await page.goto(`${NDO_URL}/device/lo`);
	assert.match(await page.locator('h1').textContent(), /device lo/);
	const link = page.locator('a.at', { hasText: 'drivers/net/loopback.c' }).first();
	assert.ok(await link.count() > 0);
	await shot('5-device-lo.png');
	assert.deepEqual(problems, []);
});

async function noInjection(label) {
	const bad = await page.evaluate(() => {
		const out = [];
		for (const s of document.querySelectorAll('script'))
			if (!/static\/app\.js$|search-index\.js$/.test(s.getAttribute('src') || ''))
				out.push('script ' + s.outerHTML.slice(0, 80));
		for (const e of document.querySelectorAll('img, iframe, object, embed'))
			out.push(e.tagName);
		for (const e of document.querySelectorAll('*'))
			for (const a of e.attributes)
				if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value))
					out.push(`${e.tagName} ${a.name}=${a.value}`);
		return out;
	});
	assert.deepEqual(bad, [], `${label}: injected markup`);
}

const hostilePages = [
	'/source/drivers/net/evil.c', '/source/drivers/net/', '/source/include/linux/netdevice.h',
	'/source/drivers/net/' + encodeURIComponent('<svg onload=alert(1)>.h'),
	'/fn/evil_xmit', '/struct/net_device_ops',
	'/device/' + encodeURIComponent("<script>alert('ifname')</script>%d"), '/',
];

await step('hostile fixture over serve: no script runs, nothing injected', async () => {
	problems.length = 0;
	for (const u of hostilePages) {
		const r = await page.goto(`${NDO_HOSTILE}${u}`);
		assert.equal(r.status(), 200, `${u}: ${r.status()}`);
		await noInjection(u);
	}
	await page.goto(`${NDO_HOSTILE}/source/drivers/net/evil.c`);
	assert.match(await page.locator('.code').textContent(), /<script>alert\('string'\)<\/script>/);
	await page.locator('[data-c]', { hasText: /^NETIF_F_EVIL$/ }).first().hover();
	await page.locator('#card').waitFor({ state: 'visible' });
	assert.match(await page.locator('#card').textContent(), /<script>alert\('flag'\)<\/script>/);
	await noInjection('card');
	await shot('6-hostile-serve.png');
	await page.locator('#q').pressSequentially('evil', { delay: 20 });
	await page.locator('#results a').first().waitFor({ state: 'visible' });
	await noInjection('search');
	await page.waitForTimeout(300);
	assert.deepEqual(problems, []);
});

await step('hostile fixture as a static export from file://: no script runs', async () => {
	problems.length = 0;
	for (const u of ['source/drivers/net/evil.c.html', 'source/drivers/net/index.html',
			 'source/drivers/net/' + encodeURIComponent('<svg onload=alert(1)>.h') + '.html',
			 'fn/evil_xmit.html', 'index.html']) {
		await page.goto(`${NDO_EXPORT}/${u}`);
		await noInjection(u);
	}
	await page.goto(`${NDO_EXPORT}/source/drivers/net/evil.c.html`);
	await page.locator('[data-c]', { hasText: /^NETIF_F_EVIL$/ }).first().hover();
	await page.locator('#card').waitFor({ state: 'visible' });
	assert.match(await page.locator('#card').textContent(), /alert\('flag'\)/);
	// a field by its member's name, from search-index.js
	await page.locator('#q').pressSequentially('ndo_start', { delay: 20 });
	await page.locator('#results a', { hasText: 'net_device_ops.ndo_start_xmit' }).waitFor({ state: 'visible' });
	await page.locator('#q').fill('');
	await page.locator('#q').pressSequentially('evil_x', { delay: 20 });
	const hit = page.locator('#results a', { hasText: 'evil_xmit' });
	await hit.waitFor({ state: 'visible' });
	await shot('7-hostile-export.png');
	await hit.click();
	await page.waitForURL(/fn\/evil_xmit\.html$/);
	await noInjection('export fn page');
	assert.deepEqual(problems, []);
});

await browser.close();
console.log(`# browser.mjs: ${n - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
