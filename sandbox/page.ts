// A stand-in Cloud Manager page for /v2: shows the org or project named by the URL, so a browser tab looks
// like the real thing. The extension reads only the URL; the page holds names, nothing secret.
import type { Fixture } from './fixture';

export function standInPage(fixture: Fixture): string {
  const names = {
    orgs: Object.fromEntries(fixture.orgs.map((o) => [o.id, `${o.name}${o.kind === 'atlas' ? ' — Atlas' : ''}`])),
    groups: Object.fromEntries(fixture.groups.map((g) => [g.id, { name: g.name, orgId: g.orgId }])),
  };
  const data = JSON.stringify(names).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cloud Manager (sandbox)</title>
<style>body{font:15px system-ui,sans-serif;margin:0;color:#1c2d38}header{background:#001e2b;color:#fff;padding:12px 20px}
main{padding:20px}code{background:#eef2f3;padding:2px 5px;border-radius:4px}.note{color:#5c6c75}</style></head>
<body><header><strong>Cloud Manager</strong> <span class="note">(sandbox)</span></header>
<main><h1 id="title">Cloud Manager</h1><p id="what" class="note"></p>
<p class="note">This page stands in for Cloud Manager. Click the extension's toolbar icon to link this organization to Atlas.</p></main>
<script>
const names = ${data};
function show() {
  const path = location.pathname.split('/').filter(Boolean);
  const org = /#\\/?org\\/([a-f0-9]{24})/.exec(location.hash);
  const title = document.getElementById('title');
  const what = document.getElementById('what');
  if (org) { title.textContent = names.orgs[org[1]] || 'Unknown organization'; what.textContent = 'Organization ' + org[1]; return; }
  if (path[0] === 'v2' && path[1]) {
    const g = names.groups[path[1]];
    title.textContent = g ? g.name : 'Unknown project';
    what.textContent = 'Project ' + path[1] + (g ? ' in ' + (names.orgs[g.orgId] || g.orgId) : '');
    return;
  }
  title.textContent = 'Cloud Manager'; what.textContent = 'Open an organization: #/org/<orgId>/projects';
}
addEventListener('hashchange', show); show();
</script></body></html>`;
}
