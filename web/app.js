// ndoscope's source browser: search completion and hover cards.
// No framework, nothing remote; served as a file so that the pages'
// Content-Security-Policy can forbid inline script.
'use strict';
(function () {
	const body = document.body;
	const root = body.dataset.root || './';
	const isStatic = body.dataset.mode === 'static';

	/* --- search ------------------------------------------------------ */
	const q = document.getElementById('q');
	const results = document.getElementById('results');
	let index = null, loading = null, seq = 0, sel = -1, timer = 0;

	function loadIndex() {
		if (index) return Promise.resolve(index);
		if (!loading) {
			loading = new Promise(function (resolve) {
				const s = document.createElement('script');
				s.src = root + 'search-index.js';
				s.onload = function () { index = window.ndoscopeSearchIndex || []; resolve(index); };
				s.onerror = function () { index = []; resolve(index); };
				document.head.appendChild(s);
			});
		}
		return loading;
	}

	function lookup(prefix) {
		if (isStatic) {
			return loadIndex().then(function (all) {
				const out = [];
				for (const e of all) {
					// a field also by its member's name, as serve does
					if (e.n.startsWith(prefix) ||
					    (e.k === 'field' && e.n.slice(e.n.indexOf('.') + 1).startsWith(prefix)))
						out.push(e);
				}
				out.sort(function (a, b) { return a.n.length - b.n.length || (a.n < b.n ? -1 : 1); });
				return out.slice(0, 20);
			});
		}
		return fetch(root + 'search?q=' + encodeURIComponent(prefix))
			.then(function (r) { return r.ok ? r.json() : []; })
			.catch(function () { return []; });
	}

	function show(list) {
		results.textContent = '';
		sel = -1;
		for (const e of list) {
			const li = document.createElement('li');
			const a = document.createElement('a');
			a.href = root + e.u;
			const k = document.createElement('span');
			k.className = 'k';
			k.textContent = e.k;
			const n = document.createElement('span');
			n.className = 'nm';
			n.textContent = e.n;
			a.append(k, n);
			if (e.w) {
				const w = document.createElement('span');
				w.className = 'w';
				w.textContent = e.w;
				a.append(w);
			}
			li.append(a);
			results.append(li);
		}
		results.hidden = list.length === 0;
	}

	function select(i) {
		const links = results.querySelectorAll('a');
		if (!links.length) return;
		sel = (i + links.length) % links.length;
		links.forEach(function (a, j) { a.classList.toggle('sel', j === sel); });
		links[sel].scrollIntoView({ block: 'nearest' });
	}

	if (q) {
		q.addEventListener('input', function () {
			clearTimeout(timer);
			const prefix = q.value.trim();
			const mine = ++seq;
			if (!prefix) { show([]); return; }
			timer = setTimeout(function () {
				lookup(prefix).then(function (list) { if (mine === seq) show(list); });
			}, 60);
		});
		q.addEventListener('keydown', function (ev) {
			if (ev.key === 'ArrowDown') { select(sel + 1); ev.preventDefault(); }
			else if (ev.key === 'ArrowUp') { select(sel - 1); ev.preventDefault(); }
			else if (ev.key === 'Enter') {
				const links = results.querySelectorAll('a');
				if (links.length) window.location.href = links[Math.max(sel, 0)].href;
			} else if (ev.key === 'Escape') { show([]); }
		});
		document.addEventListener('click', function (ev) {
			if (!results.contains(ev.target) && ev.target !== q) results.hidden = true;
		});
		document.addEventListener('keydown', function (ev) {
			if (ev.key === '/' && document.activeElement !== q) { q.focus(); ev.preventDefault(); }
		});
	}

	/* --- cards --------------------------------------------------------- */
	const card = document.getElementById('card');
	const cache = new Map();
	let showTimer = 0, hideTimer = 0, current = null;

	function cardContent(key) {
		if (cache.has(key)) return Promise.resolve(cache.get(key));
		const t = document.getElementById('card-' + key);
		if (t && t.content) {
			const frag = t.content.cloneNode(true);
			cache.set(key, frag);
			return Promise.resolve(frag);
		}
		if (isStatic) return Promise.resolve(null);
		return fetch(root + 'card/' + encodeURIComponent(key))
			.then(function (r) { return r.ok ? r.text() : null; })
			.then(function (html) {
				if (html === null) return null;
				const tpl = document.createElement('template');
				tpl.innerHTML = html;
				cache.set(key, tpl.content);
				return tpl.content;
			})
			.catch(function () { return null; });
	}

	function place(el) {
		const r = el.getBoundingClientRect();
		const top = window.scrollY + r.bottom + 4;
		let left = window.scrollX + r.left;
		card.style.top = top + 'px';
		card.style.left = '0px';
		card.hidden = false;
		const w = card.offsetWidth;
		if (left + w > window.scrollX + document.documentElement.clientWidth - 8)
			left = Math.max(window.scrollX + 8, window.scrollX + document.documentElement.clientWidth - w - 8);
		card.style.left = left + 'px';
	}

	/* --- a macro's expansion at the site, one level ------------------- */

	// The source text that follows EL: the rest of its line, then the next
	// lines (annotations between lines skipped), up to 40 lines.
	function textAfter(el) {
		let out = '', node = el, line = el.closest('.l'), n = 0;
		while (node && node.parentElement && !node.parentElement.classList.contains('t'))
			node = node.parentElement;
		for (let x = node && node.nextSibling; x; x = x.nextSibling)
			out += x.textContent;
		for (let l = line && line.nextElementSibling; l && n < 40; l = l.nextElementSibling) {
			if (!l.classList.contains('l')) continue;
			const t = l.querySelector('.t');
			out += '\n' + (t ? t.textContent : '');
			n++;
		}
		return out;
	}

	// The arguments of the invocation that starts TEXT ("(a, f(b, c))"), or null.
	function invocationArgs(text) {
		let i = 0, depth = 0, cur = '', quote = '';
		const args = [];
		while (i < text.length && /\s/.test(text[i])) i++;
		if (text[i] !== '(') return null;
		for (i++; i < text.length; i++) {
			const c = text[i];
			if (quote) {
				cur += c;
				if (c === '\\') cur += text[++i] || '';
				else if (c === quote) quote = '';
				continue;
			}
			if (c === '"' || c === "'") { quote = c; cur += c; continue; }
			if (c === '(' || c === '[' || c === '{') depth++;
			if (c === ')' || c === ']' || c === '}') {
				if (depth === 0) { args.push(cur.trim()); return args.length === 1 && args[0] === '' ? [] : args; }
				depth--;
			}
			if (c === ',' && depth === 0) { args.push(cur.trim()); cur = ''; continue; }
			cur += c === '\n' ? ' ' : c;
		}
		return null;
	}

	// One level of expansion of the #define DEF at the invocation after EL:
	// parameters replaced by the arguments, # and ## applied.
	function expandAt(def, el) {
		const m = /^\s*#\s*define\s+(\w+)\(([^)]*)\)[ \t]*([\s\S]*)$/.exec(def.replace(/\\\n/g, ' '));
		if (!m) return null;
		const params = m[2].split(',').map(function (x) { return x.trim(); }).filter(Boolean);
		const args = invocationArgs(textAfter(el));
		if (!args) return null;
		const val = {};
		params.forEach(function (p, k) {
			if (p === '...') val.__VA_ARGS__ = args.slice(k).join(', ');
			else if (p.endsWith('...')) val[p.slice(0, -3)] = args.slice(k).join(', ');
			else val[p] = args[k] !== undefined ? args[k] : '';
		});
		const body = m[3].replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' ').trim();
		const toks = body.match(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|##|#|\w+|\s+|./g) || [];
		let out = '';
		for (let k = 0; k < toks.length; k++) {
			const t = toks[k];
			if (t === '#' && k + 1 < toks.length && Object.prototype.hasOwnProperty.call(val, toks[k + 1])) {
				out += JSON.stringify(val[toks[++k]]);
			} else if (t === '##') {
				out = out.replace(/\s+$/, '').replace(/,$/, ', ');
				while (k + 1 < toks.length && /^\s+$/.test(toks[k + 1])) k++;
			} else {
				out += Object.prototype.hasOwnProperty.call(val, t) ? val[t] : t;
			}
		}
		return out;
	}

	function addExpansion(el) {
		if (!/^m:/.test(el.dataset.c)) return;
		const def = card.querySelector('pre.def');
		const exp = def && expandAt(def.textContent, el);
		if (exp === null || exp === undefined) return;
		const h = document.createElement('div');
		h.className = 'card-s';
		h.textContent = 'here it expands to';
		const pre = document.createElement('pre');
		pre.className = 'def exp';
		pre.textContent = exp;
		card.append(h, pre);
	}

	function open(el) {
		const key = el.dataset.c;
		current = el;
		cardContent(key).then(function (frag) {
			if (current !== el || !frag) return;
			card.textContent = '';
			card.append(frag.cloneNode(true));
			card.dataset.key = key;
			addExpansion(el);
			place(el);
		});
	}

	function close() {
		card.hidden = true;
		current = null;
	}

	if (card) {
		document.addEventListener('mouseover', function (ev) {
			const el = ev.target.closest ? ev.target.closest('[data-c]') : null;
			if (el && !card.contains(el)) {
				clearTimeout(hideTimer);
				clearTimeout(showTimer);
				showTimer = setTimeout(function () { open(el); }, 250);
			} else if (card.contains(ev.target)) {
				clearTimeout(hideTimer);
			}
		});
		document.addEventListener('mouseout', function (ev) {
			const el = ev.target.closest ? ev.target.closest('[data-c]') : null;
			if (el || card.contains(ev.target)) {
				clearTimeout(showTimer);
				clearTimeout(hideTimer);
				hideTimer = setTimeout(close, 400);
			}
		});
		document.addEventListener('focusin', function (ev) {
			const el = ev.target.closest ? ev.target.closest('[data-c]') : null;
			if (el && !card.contains(el)) open(el);
		});
		document.addEventListener('click', function (ev) {
			const el = ev.target.closest ? ev.target.closest('span[data-c]') : null;
			if (el) open(el);
			else if (!card.contains(ev.target)) close();
		});
		document.addEventListener('keydown', function (ev) {
			if (ev.key === 'Escape') close();
		});
	}
})();
