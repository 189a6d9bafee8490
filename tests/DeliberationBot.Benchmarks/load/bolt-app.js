// The peer: a minimal @slack/bolt app in HTTP mode that only acknowledges (commands, actions, view submissions).
// No Web API calls: authorize answers locally instead of calling auth.test.
const { App } = require('@slack/bolt');
const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  authorize: async () => ({ botToken: 'xoxb-bench', botId: 'B0BENCH', botUserId: 'U0BOT' }),
  processBeforeResponse: false,
});
app.command('/deliberate', async ({ ack }) => { await ack(); });
app.view(/.*/, async ({ ack }) => { await ack(); });
app.action(/.*/, async ({ ack }) => { await ack(); });
(async () => { await app.start(Number(process.env.PORT)); console.log('bolt listening'); })();
