using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Reminders;

/// <summary>One named participant's reminder, whoever sends it (the <c>remind</c> command or the reminder job), and the count it adds.</summary>
public static class PrivateReminder
{
    /// <summary>How soon <c>remind</c> may nudge the same person again: asking twice, or right after the reminder job, sends nothing twice.</summary>
    public static readonly TimeSpan Again = TimeSpan.FromHours(1);

    /// <summary>Whether <paramref name="p"/> was reminded (privately, or in the conversation if anonymous) within <see cref="Again"/>.</summary>
    public static bool RemindedRecently(Participant p, DateTimeOffset now) => p.LastRemindedAt is { } at && now - at < Again;

    /// <summary>Whether it is night or the weekend where <paramref name="p"/> is (<see cref="ReminderOptions"/>), by the time zone their platform gave.</summary>
    public static async Task<bool> InQuietHoursAsync(TurnSupport turn, string workspaceId, Participant p, ReminderOptions options, CancellationToken ct)
    {
        var profile = await turn.Store.FindProfileAsync(workspaceId, p.UserId!, ct);
        return QuietHours.Contains(turn.Now, Digests.DigestSchedule.Zone(profile?.TimeZone ?? options.DefaultTimeZone), options);
    }

    /// <summary>
    /// What the person who asked reads: who was reminded, where, who will be once their quiet hours end, and who was not
    /// because they just were.
    /// </summary>
    public static string Confirmation(int named, int anonymous, int remindedRecently, int held = 0)
    {
        var done = new List<string>();
        if (named > 0)
        {
            done.Add($"Reminded {(named == 1 ? "1 person" : $"{named} people")} privately");
        }

        if (anonymous > 0)
        {
            done.Add($"{(done.Count == 0 ? "Posted" : "posted")} a reminder in the conversation for {Summaries.GroupWords.Count(anonymous, "anonymous participant")}");
        }

        var later = held == 0 ? null
            : $"{(held == 1 ? "1 person" : $"{held} people")} in their quiet hours (evening, night or weekend where they are) will be reminded privately when they end";
        if (done.Count == 0 && later is null)
        {
            return "Nobody was reminded again: everyone who has not finished was reminded less than an hour ago.";
        }

        var recently = remindedRecently == 0 ? ""
            : $"; {(remindedRecently == 1 ? "1 person" : $"{remindedRecently} people")} reminded less than an hour ago {(remindedRecently == 1 ? "was" : "were")} not reminded again";
        var said = done.Count == 0 ? Summaries.GroupWords.Capitalised(later!) : string.Join(", and ", done) + (later is null ? "" : "; " + later);
        return said + recently + ".";
    }

    public static (Participant Reminded, OutboxMessage Message) For(
        TurnSupport turn, Deliberation d, FlowDefinition flow, IReadOnlyList<Answer> answers, Participant p, string idempotencyKey)
    {
        var left = FlowEngine.Evaluate(flow, p.Group, Overview.AnswersOf(answers, p.Key));
        var message = turn.Outbox(d.WorkspaceId, idempotencyKey, Destination.PrivatelyTo(d.Home, new UserRef(p.UserId!, p.DisplayName)),
            new ReminderNotice(d.Id, d.Title, left.Applicable.Count - left.Answered.Count, d.Due));
        return (p with { RemindersSent = p.RemindersSent + 1, LastRemindedAt = turn.Now, ReminderAskedAt = null }, message);
    }
}
