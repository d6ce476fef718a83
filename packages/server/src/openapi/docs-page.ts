// The browsable API page (/api/docs) and the first-admin setup page (/setup): static
// HTML with a little inline script, no external assets. Pure (returns strings).

export const docsPage = (): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kpi API</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222}
h2{margin-top:2rem;border-bottom:1px solid #ddd}
details{margin:.4rem 0;border:1px solid #e3e3e3;border-radius:6px;padding:.3rem .6rem}
summary{cursor:pointer} code{font-size:13px} pre{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:12px}
.m{display:inline-block;width:4.5rem;font-weight:700}
.GET{color:#1565c0}.POST{color:#2e7d32}.PATCH{color:#ef6c00}.DELETE{color:#c62828}
</style></head><body>
<h1>kpi API</h1>
<p>The machine-readable document is at <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>
<div id="ops">loading…</div>
<script>
fetch('/api/openapi.json').then(r => r.json()).then(doc => {
  const byTag = {};
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item))
      (byTag[op.tags[0]] ??= []).push({ path, method: method.toUpperCase(), op });
  const root = document.getElementById('ops');
  root.textContent = '';
  for (const [tag, ops] of Object.entries(byTag)) {
    const h = document.createElement('h2'); h.textContent = tag; root.append(h);
    for (const { path, method, op } of ops) {
      const d = document.createElement('details');
      const s = document.createElement('summary');
      s.innerHTML = '<span class="m ' + method + '"></span><code></code> — <span></span>';
      s.children[0].textContent = method; s.children[1].textContent = path; s.children[2].textContent = op.summary;
      const pre = document.createElement('pre');
      pre.textContent = JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody,
        response: Object.entries(op.responses).find(([c]) => c < '300') }, null, 2);
      d.append(s, pre); root.append(d);
    }
  }
});
</script></body></html>
`;

export const setupPage = (): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kpi setup</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:420px;margin:3rem auto}label{display:block;margin:.6rem 0}
input{width:100%;padding:.4rem}</style></head><body>
<h1>Create the first admin</h1>
<form id="f"><label>Email <input name="email" type="email" required></label>
<label>Name <input name="name"></label>
<label>Password (10 characters or more) <input name="password" type="password" minlength="10" required></label>
<button>Create admin</button></form><p id="out"></p>
<script>
document.getElementById('f').addEventListener('submit', async (e) => {
  e.preventDefault();
  const f = new FormData(e.target);
  const body = { setupToken: location.hash.slice(1), email: f.get('email'), password: f.get('password') };
  if (f.get('name')) body.name = f.get('name');
  const r = await fetch('/api/setup', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const j = await r.json();
  document.getElementById('out').textContent = r.ok ? 'Done: you are logged in as ' + j.user.email : j.error.message;
});
</script></body></html>
`;
