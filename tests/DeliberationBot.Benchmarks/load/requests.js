#!/usr/bin/env node
// Signed Slack requests for the load run, each signed as Slack signs it (v0=HMAC-SHA256(secret, "v0:" + ts + ":" + body)),
// each with its own trigger_id (commands) or view id and hash (modals), so no request is a retried delivery.
//   node requests.js command "TEXT" N OUT     a wrk Lua script of N slash commands /deliberate TEXT ({i} → the request's
//                                             number), each from its own person; AS=i sends them all as person i
//   node requests.js join DELIBERATION N OUT   N people join (group modal: frontline worker)
//   node requests.js answer DELIBERATION N OUT the same N people answer the first question (question modal)
//   node requests.js people DELIBERATION N OUT N modal submissions from N/2 people: each joins, and answers the first
//                                             question 64 requests later (long after wrk's 16 connections have their join)
//   node requests.js send "TEXT" URL           sends one slash command as person 999999 (the facilitator) and prints the status
//   node requests.js burst DELIBERATION N URL  N new people join (16 at a time, untimed), then all N answer within one
//                                             second, spread evenly; prints JSON: acknowledged within 3 s, non-2xx, p50, p99, max
//   node requests.js concerns N URL            the facilitator records N concerns, 16 at a time; prints JSON: statuses and
//                                             the seconds until the last was acknowledged
// The Lua scripts send each request once and stop wrk after N responses (or at its -d, whichever comes first).
// Environment: SLACK_SIGNING_SECRET (default bench-signing-secret), TEAM (T0BENCH), CHANNEL (C0BENCH), FIRST (the
// first person's number, default 0), PACE_MS (a Lua script's connections each wait a random 0–2× this many ms before
// each request, for a run at a set rate; default none).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');

const [kind, arg, count, out] = process.argv.slice(2);
const secret = process.env.SLACK_SIGNING_SECRET || 'bench-signing-secret';
const team = process.env.TEAM || 'T0BENCH';
const channel = process.env.CHANNEL || 'C0BENCH';
const first = Number(process.env.FIRST || 0);
const as = process.env.AS;
const paceMs = Number(process.env.PACE_MS || 0);
const ts = Math.floor(Date.now() / 1000);
const user = (i) => `U0P${String(i).padStart(6, '0')}`;
const form = (o) => new URLSearchParams(o).toString();
const trigger = (i) => `${ts}.${i}.${crypto.randomBytes(6).toString('hex')}`;
const submission = (i, callback, metadata, values) => form({ payload: JSON.stringify({
  type: 'view_submission', team: { id: team, domain: 'bench' }, user: { id: user(i), username: `p${i}`, team_id: team },
  api_app_id: 'A0BENCH', trigger_id: trigger(i),
  view: { id: `V0${i}`, hash: `${ts}.${i}`, type: 'modal', callback_id: callback, private_metadata: metadata, state: { values } },
}) });

const bodies = {
  command: (i, text) => {
    const who = as === undefined ? i : Number(as);
    return form({
      token: 'deprecated', team_id: team, team_domain: 'bench', channel_id: channel, channel_name: 'general', user_id: user(who),
      user_name: `p${who}`, command: '/deliberate', text: text.replace('{i}', String(i)), api_app_id: 'A0BENCH',
      response_url: `http://127.0.0.1:1/response/${i}`, trigger_id: trigger(i),
    });
  },
  join: (i, deliberation) => submission(i, 'deliberation_group', deliberation.replaceAll('-', ''),
    { group: { value: { type: 'static_select', selected_option: { value: 'frontline_worker' } } } }),
  answer: (i, deliberation) => submission(i, 'deliberation_question', `${deliberation.replaceAll('-', '')}|FreeText|purpose`, {
    answer: { value: { type: 'plain_text_input', value: `Person ${i}: six new fields typed by hand, another twenty minutes a case.` } },
    concern: { value: { type: 'checkboxes', selected_options: [] } },
  }),
};

// Request j of the "people" script: 64 joins first, then one more person joining and one answering, in turn.
const lag = 64;
bodies.people = (j, deliberation) => (j < lag ? bodies.join(first + j, deliberation)
  : (j - lag) % 2 === 0 ? bodies.join(first + lag + (j - lag) / 2, deliberation)
    : bodies.answer(first + (j - lag - 1) / 2, deliberation));

const headers = (raw) => ({
  'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': String(ts),
  'X-Slack-Signature': 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex'),
});

// One connection per request, as Slack's deliveries arrive; keep-alive off so 1,000 people are 1,000 connections.
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
function post(url, raw) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const req = http.request(url, { method: 'POST', headers: headers(raw), agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    });
    req.on('error', () => resolve({ status: 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    req.end(raw);
  });
}

async function burst(deliberation, n, url) {
  let next = 0;
  let joinFailures = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    for (let i = next++; i < n; i = next++) {
      if ((await post(url, bodies.join(first + i, deliberation))).status !== 200) joinFailures++;
    }
  }));
  const answers = Array.from({ length: n }, (_, i) => bodies.answer(first + i, deliberation));
  const started = process.hrtime.bigint();
  const results = await Promise.all(answers.map((raw, i) => new Promise((resolve) => {
    const due = started + BigInt(Math.floor((i * 1e9) / n));
    const wait = () => { const left = Number(due - process.hrtime.bigint()) / 1e6; if (left > 1) setTimeout(wait, left - 1); else resolve(post(url, raw)); };
    wait();
  })));
  const sentWithin = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = results.filter((r) => r.status === 200);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  console.log(JSON.stringify({
    people: n, joinFailures, answersSent: n, non2xx: n - ok.length,
    statuses: results.reduce((o, r) => ({ ...o, [r.status || 'no answer']: (o[r.status || 'no answer'] || 0) + 1 }), {}), ackedWithin3s: ok.filter((r) => r.ms <= 3000).length,
    p50: at(0.5), p99: at(0.99), max: ms[ms.length - 1], secondsToAllAcks: sentWithin,
  }));
}

async function concerns(n, url) {
  const started = process.hrtime.bigint();
  const statuses = {};
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    for (let i = next++; i < n; i = next++) {
      const { status } = await post(url, bodies.command(first + i, 'concern "Nobody asked the night shift about case {i}"'));
      statuses[status || 'no answer'] = (statuses[status || 'no answer'] || 0) + 1;
    }
  }));
  console.log(JSON.stringify({ concerns: n, statuses, secondsToAllAcks: Number(process.hrtime.bigint() - started) / 1e9 }));
}

if (kind === 'send') {
  const raw = bodies.command(999999, arg);
  post(count, raw).then((r) => { console.log(r.status); process.exit(r.status === 200 ? 0 : 1); });
} else if (kind === 'burst') {
  burst(arg, Number(count), out);
} else if (kind === 'concerns') {
  concerns(Number(arg), count);
} else if (bodies[kind]) {
  const lines = [];
  for (let i = 0; i < Number(count); i++) {
    const raw = kind === 'people' ? bodies.people(i, arg) : bodies[kind](first + i, arg);
    lines.push(`{"${headers(raw)['X-Slack-Signature']}", ${JSON.stringify(raw)}}`);
  }
  // wrk's LuaJIT allows 65,536 constants per function, about as many requests as one table can list; so they are
  // listed in chunks, each in a function of its own.
  const chunks = [];
  for (let c = 0; c < lines.length; c += 20000) {
    chunks.push(`add((function() return {\n${lines.slice(c, c + 20000).join(',\n')}\n} end)())\n`);
  }
  fs.writeFileSync(out, `-- ${count} distinct signed Slack requests (${kind}), valid for 5 minutes from ts=${ts}\n` +
    `local raw = {}\nlocal function add(t) for _, r in ipairs(t) do raw[#raw + 1] = r end end\n${chunks.join('')}` +
    `local i, done = 0, 0\n` +
    `function request()\n  i = math.min(i + 1, #raw)\n` +
    `  return wrk.format("POST", nil, {["Content-Type"]="application/x-www-form-urlencoded", ` +
    `["X-Slack-Request-Timestamp"]="${ts}", ["X-Slack-Signature"]=raw[i][1]}, raw[i][2])\nend\n` +
    `function response()\n  done = done + 1\n  if done >= #raw then wrk.thread:stop() end\nend\n` +
    (paceMs > 0 ? `function delay()\n  return math.random(0, ${2 * paceMs})\nend\n` : ''));
} else {
  console.error(`unknown kind ${kind}`);
  process.exit(2);
}
