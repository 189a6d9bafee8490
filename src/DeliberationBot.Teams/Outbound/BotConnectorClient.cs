using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Teams.Inbound;
using Microsoft.Identity.Client;
using Polly.Timeout;

namespace DeliberationBot.Teams.Outbound;

/// <summary>
/// The Bot Connector REST API (protocols.md B.2) against a conversation's service URL: send, reply, update, create a
/// conversation, look up a member. Conversation ids are URL-encoded (Teams ids hold ':', '@' and ';'). Every call
/// checks the service URL against the allow-list before a token is attached, and returns a <see cref="ConnectorResult"/>
/// that tells "may have been delivered" apart from "not delivered".
/// </summary>
internal sealed class BotConnectorClient(IHttpClientFactory httpFactory, IBotTokenProvider tokens, ServiceUrlPolicy policy, TimeProvider time, TeamsLog log)
{
    public const string HttpClientName = "teams-connector";

    public Task<ConnectorResult> SendToConversationAsync(string serviceUrl, string conversationId, JsonObject activity, CancellationToken ct) =>
        CallAsync("send", HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities", activity, idempotent: false, ct);

    public Task<ConnectorResult> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, JsonObject activity, CancellationToken ct)
    {
        activity["replyToId"] = replyToId;
        return CallAsync("reply", HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}", activity, idempotent: false, ct);
    }

    public Task<ConnectorResult> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, JsonObject activity, CancellationToken ct)
    {
        activity["id"] = activityId;
        return CallAsync("update", HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", activity, idempotent: true, ct);
    }

    /// <summary>Creates (or, for the same bot and user, returns again) a 1:1 conversation; safe to repeat.</summary>
    public Task<ConnectorResult> CreatePersonalConversationAsync(string serviceUrl, string botId, string teamsUserId, string tenantId, CancellationToken ct) =>
        CallAsync("create conversation", HttpMethod.Post, serviceUrl, "v3/conversations", JsonSerializer.SerializeToNode(
            new ConversationParameters(new ChannelAccount(botId, null), [new ChannelAccount(teamsUserId, null)], new TeamsChannelData(new TeamsTenant(tenantId)), tenantId, IsGroup: false),
            TeamsJson.Default.ConversationParameters)!.AsObject(), idempotent: true, ct);

    /// <summary>A member of a conversation by Teams id or Entra object id: { id, name, aadObjectId, … }.</summary>
    public Task<ConnectorResult> GetMemberAsync(string serviceUrl, string conversationId, string userId, CancellationToken ct) =>
        CallAsync("get member", HttpMethod.Get, serviceUrl, $"v3/conversations/{Escape(conversationId)}/members/{Escape(userId)}", null, idempotent: true, ct);

    /// <summary>A page of a conversation's members (a team's, a channel's, a chat's): { members: [...], continuationToken }.</summary>
    public Task<ConnectorResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken ct) =>
        CallAsync("get members", HttpMethod.Get, serviceUrl,
            $"v3/conversations/{Escape(conversationId)}/pagedmembers?pageSize={pageSize}" + (continuationToken is null ? "" : "&continuationToken=" + Escape(continuationToken)),
            null, idempotent: true, ct);

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private async Task<ConnectorResult> CallAsync(string operation, HttpMethod method, string serviceUrl, string path, JsonObject? body, bool idempotent, CancellationToken ct)
    {
        var (baseUri, refusal) = policy.Check(serviceUrl);
        if (baseUri is null)
        {
            log.ServiceUrlRefused(operation, refusal!);
            return new ConnectorResult(ConnectorStatus.NotAllowed, operation, Error: refusal);
        }

        string? token;
        try
        {
            token = await tokens.GetTokenAsync(ct);
        }
        catch (MsalException e)
        {
            log.TokenFailed(e, e.ErrorCode);
            return new ConnectorResult(TokenFailureIsLasting(e) ? ConnectorStatus.Rejected : ConnectorStatus.Retryable, operation,
                Error: $"could not get a token ({e.ErrorCode}); check Teams:AppId, Teams:AppPassword, Teams:AppType and Teams:TenantId against the Azure Bot resource");
        }

        using var request = new HttpRequestMessage(method, new Uri(baseUri, path));
        request.Options.Set(ConnectorRetryPolicy.Idempotent, idempotent);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            return await ClassifyAsync(operation, response, idempotent, ct);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            return new ConnectorResult(ConnectorStatus.Retryable, operation, Error: e.Message);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new ConnectorResult(idempotent ? ConnectorStatus.Retryable : ConnectorStatus.MaybeDelivered, operation, Error: $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<ConnectorResult> ClassifyAsync(string operation, HttpResponseMessage response, bool idempotent, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var correlation = response.Headers.TryGetValues("X-Correlating-OperationId", out var values) ? string.Join(",", values) : null;
        var text = await response.Content.ReadAsStringAsync(ct);
        ConnectorResponse? json = null;
        if (text.Length > 0)
        {
            try
            {
                json = JsonSerializer.Deserialize(text, TeamsJson.Default.ConnectorResponse);
            }
            catch (JsonException)
            {
                // Error pages are not always JSON (nor always the connector's); the status says enough.
            }
        }

        if (response.IsSuccessStatusCode)
        {
            log.ConnectorCall(operation, status, correlation);
            return new ConnectorResult(ConnectorStatus.Ok, operation, status, json);
        }

        var error = json?.Error?.Code is { } code ? $"{code}: {json.Error.Message}" : response.ReasonPhrase;
        log.ConnectorFailed(operation, status, error, correlation);
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => new ConnectorResult(ConnectorStatus.RateLimited, operation, status, json, ConnectorRetryPolicy.RetryAfter(response, time.GetUtcNow()), error),
            HttpStatusCode.PreconditionFailed => new ConnectorResult(ConnectorStatus.Retryable, operation, status, json, null, error),
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                new ConnectorResult(idempotent ? ConnectorStatus.Retryable : ConnectorStatus.MaybeDelivered, operation, status, json, null, error),
            _ => new ConnectorResult(ConnectorStatus.Rejected, operation, status, json, null, error),
        };
    }

    /// <summary>Configuration mistakes (wrong secret, wrong tenant, AADSTS700016) do not heal by waiting.</summary>
    private static bool TokenFailureIsLasting(MsalException e) =>
        e is MsalClientException || e.ErrorCode is "invalid_client" or "unauthorized_client" or "invalid_request" or "invalid_scope";
}
