using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Admin;

public sealed class OutboxRetryTests
{
    [Fact]
    public async Task An_administrator_makes_failed_messages_pending_again_and_nobody_else_can()
    {
        using var factory = new BotFactory(new() { ["Admin:ApiKey"] = "admin-key-for-tests" }, driven: true);
        using var http = factory.CreateClient();
        var store = factory.Services.GetRequiredService<IDeliberationStore>();
        var outbox = factory.Services.GetRequiredService<IOutboxStore>();
        var now = factory.Time.GetUtcNow();
        var stranded = new OutboxMessage(Guid.CreateVersion7(now), "T-1", "k-1", Destination.To(new ConversationRef("retired-channel", "T-1", "C-1")), new Confirmation("hello"), now);
        await store.CommitAsync(new Commit("T-1", "k-1") { Outbox = [stranded] }, default);
        await factory.DeliverAsync(); // no sender for that channel: it fails at once
        Assert.Equal(0, await outbox.CountPendingAsync(default));

        using (var anonymous = await http.PostAsync("/api/admin/outbox/retry", null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/outbox/retry?workspace=T-1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "admin-key-for-tests");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("retried").GetInt32());
        Assert.Equal(1, await outbox.CountPendingAsync(default));
    }

    [Fact]
    public async Task Without_an_admin_key_the_endpoint_does_not_exist()
    {
        using var factory = new BotFactory(driven: true);
        using var http = factory.CreateClient();
        using var response = await http.PostAsync("/api/admin/outbox/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
