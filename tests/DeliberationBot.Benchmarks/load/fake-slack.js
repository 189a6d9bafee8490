// Slack's Web API as the service's outbox sees it: every method answers ok, posts get a fresh ts.
const http = require('http');
let n = 0;
let deliberation = null; // the id on the first deliberation card's Answer button, for the load script to answer
let calls = {}; // calls per method since the last reset (GET /calls)
http.createServer((req, res) => {
  if (req.url === '/reset') { // a new run: forget the last deliberation
    deliberation = null;
    calls = {};
    res.end();
    return;
  }

  if (req.method === 'GET') {
    res.end(req.url === '/calls' ? JSON.stringify(calls) : deliberation ?? '');
    return;
  }

  let raw = '';
  req.on('data', (d) => { if (!deliberation) raw += d; });
  req.on('end', () => {
    n++;
    const found = !deliberation && decodeURIComponent(raw).match(/"action_id":"answer","value":"([0-9a-f-]{36})"/);
    if (found) deliberation = found[1];
    const method = req.url.split('/').pop();
    calls[method] = (calls[method] ?? 0) + 1;
    const body = method.startsWith('chat.') ? { ok: true, channel: 'C0BENCH', ts: `1700000000.${String(n).padStart(6, '0')}` }
      : method === 'conversations.open' ? { ok: true, channel: { id: 'D0BENCH' } }
      : method === 'conversations.history' ? { ok: true, messages: [] }
      : method === 'users.info' ? { ok: true, user: { tz: 'UTC' } }
      : { ok: true };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  });
}).listen(Number(process.env.PORT), '127.0.0.1');
