using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>Checks on what reached the connector, as Teams would receive it.</summary>
internal static class Payloads
{
    /// <summary>
    /// Every activity posted or updated is within Teams' size limit as sent, names its conversation and the bot as its
    /// sender (id and name), and has the line Teams shows in notifications.
    /// </summary>
    public static void AssertSentAsTeamsExpects(IEnumerable<ConnectorCall> calls)
    {
        foreach (var call in calls.Where(c => c.IsPost || c.IsUpdate))
        {
            Assert.InRange(call.BodyBytes, 1, CardPager.MaxActivityBytes);
            var body = call.Body!;
            Assert.Equal(call.ConversationId, body["conversation"]!["id"]!.GetValue<string>());
            Assert.Equal((TeamsTestHost.BotId, "DeliberationBot"), (body["from"]!["id"]!.GetValue<string>(), body["from"]!["name"]!.GetValue<string>()));
            Assert.False(string.IsNullOrWhiteSpace(body["summary"]?.GetValue<string>()), $"no summary line on {call.Path}");
            if (call.ActivityId is { } answered && call.IsPost)
            {
                Assert.Equal(answered, body["replyToId"]!.GetValue<string>());
            }
        }
    }

    /// <summary>The activities a message was sent as, in order, told apart by their summary line.</summary>
    public static List<ConnectorCall> Parts(IEnumerable<ConnectorCall> calls, string conversationId, string summaryStart, string? summaryPart = null) =>
        [.. calls.Where(c => c.IsPost && c.ConversationId == conversationId && c.Body!["summary"]?.GetValue<string>() is { } s &&
            s.StartsWith(summaryStart, StringComparison.Ordinal) && (summaryPart is null || s.Contains(summaryPart, StringComparison.Ordinal)))];

    /// <summary>Text made of plain words (nothing Markdown would change), exactly <paramref name="length"/> characters, starting with <paramref name="marker"/>.</summary>
    public static string Words(string marker, int length)
    {
        const string Filler = " the intake form adds six fields typed by hand and another twenty minutes for every case we open";
        var text = marker;
        while (text.Length < length)
        {
            text += Filler;
        }

        return text[..length].TrimEnd();
    }
}
