#!/usr/bin/env node
// Writes a wrk Lua script of N distinct Slack requests, each signed as Slack signs it
// (v0=HMAC-SHA256(secret, "v0:" + ts + ":" + body)), cycled by wrk's request() hook.
//   node requests.js command "TEXT" N OUT     slash commands /deliberate TEXT, each with its own trigger_id and user
//   node requests.js join DELIBERATION N OUT   group-modal submissions: N people join (frontline worker, by name)
//   node requests.js answer DELIBERATION N OUT question-modal submissions: the same N people answer the first question
//   node requests.js send "TEXT" URL           sends one signed slash command /deliberate TEXT and prints the status
// Environment: SLACK_SIGNING_SECRET (default bench-signing-secret), TEAM (T0BENCH), CHANNEL (C0BENCH).
// N should exceed the requests wrk sends: a repeated request is a retried delivery, answered without new work.
'use strict';
const crypto = require('crypto');
const fs = require('fs');

const [kind, arg, count, out] = process.argv.slice(2);
const secret = process.env.SLACK_SIGNING_SECRET || 'bench-signing-secret';
const team = process.env.TEAM || 'T0BENCH';
const channel = process.env.CHANNEL || 'C0BENCH';
const ts = Math.floor(Date.now() / 1000);
const n = Number(count);
const user = (i) => `U0P${String(i).padStart(6, '0')}`;
const form = (o) => new URLSearchParams(o).toString();
const submission = (i, callback, metadata, values) => form({ payload: JSON.stringify({
  type: 'view_submission', team: { id: team, domain: 'bench' }, user: { id: user(i), username: `p${i}`, team_id: team },
  api_app_id: 'A0BENCH', trigger_id: `${ts}.${i}.${crypto.randomBytes(6).toString('hex')}`,
  view: { id: `V0${i}`, hash: `${ts}.${i}`, type: 'modal', callback_id: callback, private_metadata: metadata, state: { values } },
}) });

function body(i) {
  switch (kind) {
    case 'command':
    case 'send':
      return form({
        token: 'deprecated', team_id: team, team_domain: 'bench', channel_id: channel, channel_name: 'general', user_id: user(i),
        user_name: `p${i}`, command: '/deliberate', text: arg.replace('{i}', String(i)), api_app_id: 'A0BENCH',
        response_url: `http://127.0.0.1:1/response/${i}`, trigger_id: `${ts}.${i}.${crypto.randomBytes(6).toString('hex')}`,
      });
    case 'join':
      return submission(i, 'deliberation_group', arg.replaceAll('-', ''),
        { group: { value: { type: 'static_select', selected_option: { value: 'frontline_worker' } } } });
    case 'answer':
      return submission(i, 'deliberation_question', `${arg.replaceAll('-', '')}|FreeText|purpose`, {
        answer: { value: { type: 'plain_text_input', value: `Person ${i}: six new fields typed by hand, another twenty minutes a case.` } },
        concern: { value: { type: 'checkboxes', selected_options: [] } },
      });
    default:
      console.error(`unknown kind ${kind}`);
      process.exit(2);
  }
}

if (kind === 'send') {
  const raw = body(999999);
  const sig = 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex');
  fetch(count, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': sig }, body: raw })
    .then((r) => { console.log(r.status); process.exit(r.ok ? 0 : 1); }, (e) => { console.error(e.message); process.exit(1); });
  return;
}

const lines = [];
for (let i = 0; i < n; i++) {
  const raw = body(i);
  const sig = 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:${raw}`).digest('hex');
  lines.push(`{"${sig}", ${JSON.stringify(raw)}}`);
}
fs.writeFileSync(out, `-- ${n} distinct signed Slack requests (${kind}), valid for 5 minutes from ts=${ts}\n` +
  `local raw = {\n${lines.join(',\n')}\n}\nlocal i = 0\nfunction request()\n  i = i % #raw + 1\n` +
  `  return wrk.format("POST", nil, {["Content-Type"]="application/x-www-form-urlencoded", ` +
  `["X-Slack-Request-Timestamp"]="${ts}", ["X-Slack-Signature"]=raw[i][1]}, raw[i][2])\nend\n`);
