using System.Net;
using System.Text.RegularExpressions;
using DeliberationBot.Teams.Tests.Deliberations;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Logging;

/// <summary>
/// A whole Teams journey with every log category at Trace (ASP.NET Core's request lines, HttpClient's and MSAL's
/// included): the log holds no inbound JWT, connector token, client secret, export or report token, nor any bearer value,
/// nor what people typed.
/// </summary>
public sealed partial class SecretsInLogsTests : HostTest
{
    private const string ClientSecret = "test-client-secret";

    internal override void Configure(Dictionary<string, string?> settings)
    {
        foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http.HttpClient" })
        {
            settings["Logging:LogLevel:" + category] = "Trace";
        }

        Assert.Equal(ClientSecret, settings["Teams:AppPassword"]);
    }

    [Fact]
    public async Task A_journey_logged_at_every_level_carries_no_secret()
    {
        Fake.AddToRoster(Person.Maria);
        var token = Host.Token();
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("6001"),
            "start quick-check \"Hotline triage\" owner:<at>Maria Garcia</at> anonymous", [Activities.Mention(Person.Maria)], id: "6001"));
        var d = await Host.SingleDeliberationAsync();
        var card = Assert.Single(await Host.SentAsync(), c => c.IsPost && c.ConversationId == Chat.ChannelId);

        // Sam answers anonymously in his 1:1 chat.
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Thread(card.ResponseId!), "answer", JourneyTests.Data(d.Id)));
        var next = await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "join",
            JourneyTests.Data(d.Id, ("group", "frontline_worker"), ("anonymous", "true"))));
        var submit = JourneyTests.Submit(next)!;
        var data = submit["data"]!.AsObject().DeepClone().AsObject();
        data["answer"] = JourneyTests.AnswerFor(next!["value"]!.AsObject());
        await Host.SendAsync(Activities.Execute(ServiceUrl, Person.Sam, Chat.Personal(Person.Sam), "submit-answer", data));

        // A forged request, the export and report links opened, a forged export token, and the close.
        using var rogue = new SigningKey("rogue-key", "msteams");
        var forged = rogue.Token(ServiceUrl);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Host.PostAsync(Activities.Message(ServiceUrl, Person.Sam, Chat.Group, "help"), token: forged)).StatusCode);
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("6002"), "export", id: "6002"));
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("6003"), "report", id: "6003"));
        var links = (await Host.SentAsync()).SelectMany(c => Texts.AllStrings(c.Body)).SelectMany(s => Link().Matches(s)).Select(m => m.Value).Distinct().ToList();
        Assert.Equal(3, links.Count); // Markdown and JSON export, and the report page
        foreach (var link in links)
        {
            Assert.Equal(HttpStatusCode.OK, (await Host.Http.GetAsync(new Uri(link).PathAndQuery)).StatusCode);
        }

        await Host.Http.GetAsync($"/api/deliberations/{d.Id}/export?format=json&token=not-a-valid-token-but-secret-looking");
        await Host.SendAsync(Activities.Message(ServiceUrl, Person.Fiona, Chat.Thread("6004"), "close", id: "6004"));
        await Host.SentAsync();

        var log = string.Join("\n", Host.Logs.Entries.Select(e => e.Text));
        Assert.Contains("Request starting", log, StringComparison.Ordinal); // the request lines were logged, and scanned
        Assert.Contains(Fake.Calls, c => c.Authorization == "Bearer connector-token"); // the bot did use a token
        var secrets = links.Select(l => TokenOf().Match(l).Groups["token"].Value)
            .Append("not-a-valid-token-but-secret-looking").Append(token).Append(forged).Append("connector-token").Append(ClientSecret).ToList();
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, log, StringComparison.Ordinal));
        Assert.DoesNotMatch(Jwt(), log);
        Assert.DoesNotMatch(BearerValue(), log);
        Assert.DoesNotContain("Hotline triage", log, StringComparison.Ordinal); // what people type is theirs, not the log's
    }

    [GeneratedRegex(@"https?://[^\s""()\[\]<>]+[?&]token=[^\s""()\[\]<>&]+")]
    private static partial Regex Link();

    [GeneratedRegex(@"[?&]token=(?<token>[^&]+)")]
    private static partial Regex TokenOf();

    [GeneratedRegex(@"eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"Bearer (?!\[redacted\])\S+")]
    private static partial Regex BearerValue();
}
