// The peer: a minimal botbuilder 4.23 CloudAdapter echo bot, as Microsoft's samples write it (express, JSON body),
// validating the channel's tokens against the local Bot Framework (its OpenID metadata and issuer) and replying through
// its Bot Connector. Outbound, its credentials carry the local token (no Entra ID here), fetched once like a cached one.
const express = require('express');
const { CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');
const { ServiceClientCredentialsFactory } = require('botframework-connector');

const appId = process.env.APP_ID;
const local = process.env.BOTFRAMEWORK_URL; // e.g. http://127.0.0.1:1234

class LocalCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor() { super(); this.token = null; }
  async isValidAppId(id) { return id === appId; }
  async isAuthenticationDisabled() { return false; }
  async createCredentials() {
    this.token ??= (await (await fetch(`${local}/bot-token`)).json()).access_token;
    const token = this.token;
    return { signRequest: async (request) => { request.headers.set('authorization', `Bearer ${token}`); return request; } };
  }
}

const auth = new ConfigurationBotFrameworkAuthentication({
  MicrosoftAppId: appId,
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '0f3c2a1b-0000-4000-8000-000000000001',
  ToBotFromChannelOpenIdMetadataUrl: `${local}/v1/.well-known/openidconfiguration`,
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
}, new LocalCredentialsFactory());
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => { console.error(error.message); };

const app = express();
app.use(express.json());
app.post('/api/messages', (req, res) => adapter.process(req, res, async (context) => {
  if (context.activity.type === 'message') await context.sendActivity(`Echo: ${context.activity.text}`);
}));
app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('botbuilder listening'));
