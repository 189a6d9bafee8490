#!/usr/bin/env node
// The Bot Framework on 127.0.0.1 for the Teams load run, trusted by both bots under test:
//   GET  /v1/.well-known/openidconfiguration, /v1/.well-known/keys   the channel's OpenID metadata and JWKS (one RS256
//                                                                   key, endorsed for msteams), made fresh at start
//   GET  /msi/token                                                 App Service's managed-identity endpoint (our service's outbound token)
//   GET  /bot-token                                                 the same token for the botbuilder peer's credentials
//   POST /connector/v3/conversations/…                             the Bot Connector: answers { id }, records when each reply arrives
//   POST /run { target, count, concurrency, label }                 drives a bot: `count` message activities "help" from
//        many people, `concurrency` at a time, each with a valid token; a request is done when its reply has reached
//        the connector. Answers { sent, replies, non2xx, lost, seconds, rps, p50, p99 } (ms).
//   POST /send { target, activity }                                 sends one activity as Teams would (serviceUrl filled
//        in, a valid token), for trying the service by hand. Answers { status, body }.
//   GET  /calls                                                     with RECORD_CALLS=1, every call the connector got:
//        [{ method, path, body, answeredId }], to read what the service actually posted (and the id it was given).
// Environment: PORT, APP_ID (the bots' Microsoft App ID, the tokens' audience), IDENTITY_HEADER (the secret /msi/token
// expects), REPLY_TIMEOUT_MS (how long a request may wait for its reply, default 30000), CONNECTOR_DELAY_MS (how long
// the connector takes to answer each call, default 0: the real one takes tens of milliseconds).
'use strict';
const crypto = require('crypto');
const http = require('http');

const port = Number(process.env.PORT);
const appId = process.env.APP_ID;
const identityHeader = process.env.IDENTITY_HEADER;
const replyTimeoutMs = Number(process.env.REPLY_TIMEOUT_MS || 30000);
const connectorDelayMs = Number(process.env.CONNECTOR_DELAY_MS || 0);
const recordCalls = process.env.RECORD_CALLS === '1';
const calls = [];
const base = `http://127.0.0.1:${port}`;
const serviceUrl = `${base}/connector/`;
const issuer = 'https://api.botframework.com';
const tenant = '72f988bf-0000-4000-8000-00000000abcd';
const connectorToken = 'local-connector-token-' + crypto.randomBytes(8).toString('hex');

const kid = 'bench-' + crypto.randomBytes(4).toString('hex');
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] };

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A channel token as Azure Bot Service issues them: RS256, our issuer, the bot's App ID, bound to the service URL. */
function channelToken() {
  const now = Math.floor(Date.now() / 1000);
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid });
  const body = b64url({ iss: issuer, aud: appId, iat: now - 60, nbf: now - 60, exp: now + 3600, serviceurl: serviceUrl, appid: 'bot-framework-channel' });
  const signature = crypto.sign('RSA-SHA256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

/** A personal-chat message as Teams sends it (text and HTML), from one of 200 people. */
function message(label, i) {
  const person = i % 200;
  return JSON.stringify({
    type: 'message', id: `${label}-${i}`, timestamp: new Date().toISOString(), serviceUrl, channelId: 'msteams',
    from: { id: `29:bench-${person}`, name: `Person ${person}`, aadObjectId: `aad-bench-${person}` },
    recipient: { id: `28:${appId}`, name: 'DeliberationBot' },
    conversation: { id: `a:bench-${person}`, conversationType: 'personal', tenantId: tenant, isGroup: false },
    channelData: { tenant: { id: tenant } }, locale: 'en-US', text: 'help', textFormat: 'plain', entities: [],
    // Teams sends a typed message's HTML beside its text.
    attachments: [{ contentType: 'text/html', content: '<p>help</p>' }],
  });
}

// Replies awaited by the running drive: activity id → resolve(). Replies nobody waits for are only counted.
const waiting = new Map();
let replies = 0;
let otherCalls = 0;

function connector(req, res, raw) {
  let body = {};
  try { body = raw.length ? JSON.parse(raw) : {}; } catch { /* counted below like any other call */ }
  const path = req.url.split('?')[0];
  const created = req.method === 'POST' && path === '/connector/v3/conversations';
  const recorded = recordCalls ? calls[calls.push({ method: req.method, path: decodeURIComponent(req.url), body }) - 1] : {};
  const repliedTo = body.replyToId || (req.method === 'POST' && !created ? decodeURIComponent(path.split('/activities/')[1] || '') : '');
  if (repliedTo && waiting.has(repliedTo)) {
    replies++;
    waiting.get(repliedTo)();
    waiting.delete(repliedTo);
  } else {
    otherCalls++;
  }

  res.setHeader('content-type', 'application/json');
  // A roster lookup (GET …/members/{id}, how a mentioned person is resolved) answers with the member as asked for and,
  // as Teams does, an Entra object id: "29:maria" is "aad-maria".
  const member = req.method === 'GET' && decodeURIComponent(path).match(/\/members\/([^/]+)$/);
  const answer = member ? { id: member[1], aadObjectId: `aad-${member[1].replace(/^29:/, '')}` } : created ? { id: `a:created-${otherCalls}` } : { id: `reply-${replies + otherCalls}` };
  recorded.answeredId = answer.id; // the id a posted activity was given, which an update or a card's invoke names
  res.end(JSON.stringify(answer));
}

async function drive({ target, count, concurrency, label }) {
  const token = channelToken();
  const latencies = [];
  let next = 0;
  let non2xx = 0;
  let lost = 0;
  const started = process.hrtime.bigint();
  async function worker() {
    for (let i = next++; i < count; i = next++) {
      const id = `${label}-${i}`;
      const t0 = process.hrtime.bigint();
      let timer;
      const replied = new Promise((resolve) => {
        waiting.set(id, resolve);
        timer = setTimeout(() => { waiting.delete(id); resolve('timeout'); }, replyTimeoutMs);
      });
      const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: message(label, i) })
        .then(async (r) => { await r.arrayBuffer(); return r; }, () => ({ ok: false }));
      if (!response.ok) {
        non2xx++;
        waiting.delete(id);
        clearTimeout(timer);
        continue;
      }

      const outcome = await replied;
      clearTimeout(timer);
      if (outcome === 'timeout') lost++;
      else latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }

  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : NaN);
  return { sent: count, replies: latencies.length, non2xx, lost, seconds, rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN };
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks).toString();
    const path = req.url.split('?')[0];
    const json = (o) => { res.setHeader('content-type', 'application/json'); res.end(JSON.stringify(o)); };
    if (path === '/v1/.well-known/openidconfiguration') {
      json({ issuer, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    } else if (path === '/v1/.well-known/keys') {
      json({ keys: [jwk] });
    } else if (path === '/msi/token') {
      if (req.headers['x-identity-header'] !== identityHeader) { res.statusCode = 401; res.end(); return; }
      const query = new URL(req.url, base).searchParams;
      json({ access_token: connectorToken, expires_on: String(Math.floor(Date.now() / 1000) + 3600), resource: query.get('resource'), token_type: 'Bearer', client_id: query.get('client_id') });
    } else if (path === '/bot-token') {
      json({ access_token: connectorToken });
    } else if (path.startsWith('/connector/v3/conversations')) {
      if (req.headers.authorization !== `Bearer ${connectorToken}`) { res.statusCode = 401; res.end(); return; }
      if (connectorDelayMs > 0) setTimeout(() => connector(req, res, raw), connectorDelayMs);
      else connector(req, res, raw);
    } else if (path === '/run' && req.method === 'POST') {
      json(await drive(JSON.parse(raw)));
    } else if (path === '/send' && req.method === 'POST') {
      const { target, activity } = JSON.parse(raw);
      const response = await fetch(target, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${channelToken()}` },
        body: JSON.stringify({ serviceUrl, channelId: 'msteams', timestamp: new Date().toISOString(), ...activity }),
      });
      json({ status: response.status, body: await response.text() });
    } else if (path === '/calls') {
      json(calls);
    } else if (path === '/counts') {
      json({ replies, otherCalls });
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
}).listen(port, '127.0.0.1', () => console.log(`local Bot Framework at ${base}`));
