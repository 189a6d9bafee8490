using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;
using DeliberationBot.Teams.Tests.Infrastructure;

namespace DeliberationBot.Teams.Tests.Cards;

/// <summary>The weekly digest and the recorded decision as cards.</summary>
public sealed class DigestCardTests
{
    [Fact]
    public void A_quiet_week_is_one_line()
    {
        var card = AdaptiveCardRenderer.Render(new WeeklyDigest("2026-W48", false, null, "UTC", [], [], [], [], [], 14));
        Assert.Equal(["Weekly digest 2026-W48: nothing open, nothing new, nothing due. A quiet week."], RendererTests.TextBlocks(card));
    }

    [Fact]
    public void A_late_digest_says_when_it_was_due_in_the_readers_time_zone()
    {
        var quiet = new WeeklyDigest("2026-W49", true, new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), "America/Chicago", [], [], [], [], [], 14);
        var lines = RendererTests.TextBlocks(AdaptiveCardRenderer.Render(quiet)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("This digest is late: it was due Monday 30 November 09:00 (America/Chicago), but the service was not running then.", lines[0]);

        var full = RendererTests.TextBlocks(AdaptiveCardRenderer.Render(Samples.Digest("Screening", late: true))).ToList();
        Assert.StartsWith("This digest is late", full[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Deliberations_left_out_because_their_conversation_could_not_be_checked_are_counted_under_the_headline_and_in_a_quiet_week()
    {
        var full = RendererTests.TextBlocks(AdaptiveCardRenderer.Render(Samples.Digest("Screening") with { LeftOut = 2 })).ToList();
        var quiet = RendererTests.TextBlocks(AdaptiveCardRenderer.Render(new WeeklyDigest("2026-W48", false, null, "UTC", [], [], [], [], [], 14) { LeftOut = 1 })).ToList();

        var headline = full.FindIndex(l => l.StartsWith("4 open concerns", StringComparison.Ordinal));
        Assert.StartsWith("2 deliberations are not in this digest: I couldn't check whether you are in the conversations they are held in.", full[headline + 1], StringComparison.Ordinal);
        Assert.Equal(2, quiet.Count);
        Assert.StartsWith("1 deliberation is not in this digest", quiet[1], StringComparison.Ordinal);
        Assert.DoesNotContain(RendererTests.TextBlocks(AdaptiveCardRenderer.Render(Samples.Digest("Screening"))), l => l.Contains("not in this digest", StringComparison.Ordinal));
    }

    [Fact]
    public void Open_concerns_are_listed_by_proposal_oldest_first_with_their_age_and_groups()
    {
        var text = Texts.Of(AdaptiveCardRenderer.Render(Samples.Digest("Screening")));

        Assert.Contains("4 open concerns across 2 proposals; 1 new and 1 resolved since the last digest.", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Screening proposal 1", StringComparison.Ordinal) < text.IndexOf("Screening proposal 2", StringComparison.Ordinal));
        var first = text.IndexOf("Screening concern 1.1", StringComparison.Ordinal);
        Assert.InRange(first, 0, text.IndexOf("Screening concern 1.2", StringComparison.Ordinal)); // as Core ordered them: oldest first
        Assert.Contains("29 days old · raised by Frontline worker, Community member or advocate", text, StringComparison.Ordinal);
        Assert.Contains("Not heard yet: Vendor, Legal & policy", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_of_the_decision_is_read_as_its_owners_with_its_due_date_not_as_raised_by_anyone()
    {
        var digest = Samples.Digest("Screening", proposals: 1, concernsEach: 1);
        var condition = Samples.Concern(digest.Proposals[0].Title, 2, "Explain each score.", 1) with { IsCondition = true, From = "a condition of the decision, owner Maria, due 2026-12-10" };
        digest = digest with { Proposals = [digest.Proposals[0] with { OpenConcerns = [.. digest.Proposals[0].OpenConcerns, condition] }] };

        var text = Texts.Of(AdaptiveCardRenderer.Render(digest));

        Assert.Contains("1 open concern and 1 open condition across 1 proposal;", text, StringComparison.Ordinal);
        Assert.Contains("1 day old · a condition of the decision, owner Maria, due 2026-12-10", text, StringComparison.Ordinal);
        Assert.Contains("29 days old · raised by Frontline worker, Community member or advocate", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Where_each_concern_stands_is_read_under_its_words_in_the_owners_and_the_raisers_own_words()
    {
        var declined = Samples.Concern("Screening", 2, "A court could *subpoena* the score.", 3, StakeholderGroup.LegalPolicy) with
        {
            Status = ConcernStatus.WontAddress,
            Words = [new("A court could *subpoena* the score.", 1), new("Keep it out of case files.", 2)],
            Standing = new DigestStanding("Retention is set by the [state](https://x.example) schedule.", ["Then say who keeps the **inputs**."], 1, 3),
        };
        var reopened = Samples.Concern("Screening", 1, "Nobody asked the night shift.", 4, StakeholderGroup.FrontlineWorker) with
        {
            Standing = new DigestStanding("Leads will review the fields.", ["The review comes after the pilot."], 0, 1),
        };
        var digest = Samples.Digest("Screening", proposals: 1, concernsEach: 0);
        digest = digest with { Proposals = [digest.Proposals[0] with { OpenConcerns = [reopened, declined] }], ClosedSinceLast = [] };

        var lines = RendererTests.TextBlocks(AdaptiveCardRenderer.Render(digest)).ToList();

        var first = lines.IndexOf("**#1** \u201CNobody asked the night shift.\u201D");
        Assert.Equal(
            [
                "4 days old · raised by Frontline worker",
                "Reopened by the person who raised it: \u201CThe review comes after the pilot.\u201D",
                "Response, before it was reopened: \u201CLeads will review the fields.\u201D",
                "**#2** " + $"\u201C{CardText.Escape("A court could *subpoena* the score.")}\u201D · \u201CKeep it out of case files.\u201D (×2)",
                "3 days old · raised by Legal & policy",
                $"The owners will not address it: \u201C{CardText.Escape("Retention is set by the [state](https://x.example) schedule.")}\u201D Waiting for the people who raised it to accept (1 of 3 have).",
                $"Earlier, on reopening it: \u201C{CardText.Escape("Then say who keeps the **inputs**.")}\u201D",
            ],
            lines.Skip(first + 1).Take(7));
        Assert.DoesNotContain("[state](https://x.example)", string.Join("\n", lines), StringComparison.Ordinal);
    }

    [Fact]
    public void New_closed_stale_and_coming_due_each_have_their_section()
    {
        var digest = Samples.Digest("Screening");
        // Closed by the facilitator without the person who raised it accepting: counted and shown apart from what was resolved.
        var closed = digest.ClosedSinceLast[0] with { Number = 5, Text = "Screening closed", Status = ConcernStatus.ClosedByFacilitator, Standing = new DigestStanding("Out of scope.", [], 0, 1) };
        var text = Texts.Of(AdaptiveCardRenderer.Render(digest with { ClosedSinceLast = [.. digest.ClosedSinceLast, closed] }));

        Assert.Contains("1 new, 1 resolved and 1 closed by the facilitator since the last digest.", text, StringComparison.Ordinal);
        Assert.Contains("New since the last digest", text, StringComparison.Ordinal);
        Assert.Contains("Screening new", text, StringComparison.Ordinal);
        Assert.Contains("Closed since the last digest", text, StringComparison.Ordinal);
        Assert.Contains("Screening resolved", text, StringComparison.Ordinal);
        Assert.Contains("Screening closed", text, StringComparison.Ordinal);
        Assert.Contains("closed by the facilitator · ", text, StringComparison.Ordinal);
        Assert.Contains("Closed by the facilitator without the person who raised it accepting: \u201COut of scope.\u201D", text, StringComparison.Ordinal);
        Assert.Contains("No response from the owners for more than 14 days", text, StringComparison.Ordinal);
        Assert.Contains("Screening stale", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-04", text, StringComparison.Ordinal);
        Assert.Contains("Deliberation closes (in 3 days)", text, StringComparison.Ordinal);
        Assert.Contains("(2 days overdue)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_coming_due_is_given_whole_however_long()
    {
        var condition = string.Join(" ", Enumerable.Range(1, 120).Select(i => $"step{i}")) + " before launch.";
        var digest = Samples.Digest("Screening") with { ComingDue = [new DigestDue("Screening", "Condition #2: " + condition, new DateOnly(2027, 1, 15), 40)] };

        var text = Texts.Of(AdaptiveCardRenderer.Render(digest));

        Assert.Contains("Condition #2: " + condition, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_too_long_for_one_message_is_split_into_parts_with_every_concern()
    {
        var digest = Samples.Digest(new string('w', 150), proposals: 40, concernsEach: 6);
        var activities = AdaptiveCardRenderer.Activities(digest);

        Assert.True(activities.Count > 1, "40 proposals of 6 concerns do not fit one message");
        Assert.All(activities, a => Assert.InRange(CardPager.Bytes(a), 1, CardPager.MaxActivityBytes - CardPager.EnvelopeReserve + 200)); // + the summary line
        var text = string.Join("\n", activities.Select(a => Texts.Of(a)));
        Assert.Contains("open concerns across 40 proposals", text, StringComparison.Ordinal);
        foreach (var p in Enumerable.Range(1, 40))
        {
            foreach (var c in Enumerable.Range(1, 6))
            {
                Assert.Contains($"concern {p}.{c}", text, StringComparison.Ordinal);
            }
        }

        Assert.Equal($"Part 1 of {activities.Count} · continued in the next message", RendererTests.TextBlocks(activities[0]).First());
        Assert.Equal($"Weekly digest 2026-W48: 240 open concerns (part 2 of {activities.Count})", activities[1]["summary"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(DecisionOutcome.Go, "Good")]
    [InlineData(DecisionOutcome.NoGo, "Attention")]
    [InlineData(DecisionOutcome.GoWithConditions, "Warning")]
    public void A_recorded_decision_shows_the_outcome_why_who_and_its_conditions(DecisionOutcome outcome, string colour)
    {
        var card = AdaptiveCardRenderer.Render(Samples.Decision("Hotline screening", outcome));
        var body = RendererTests.Body(card);

        var headline = body.Single(e => e["text"]?.GetValue<string>() == outcome.Label());
        Assert.Equal(colour, headline["color"]!.GetValue<string>());
        var text = Texts.Of(card);
        Assert.Contains("Decided by Fiona Hotline screening on 2026-12-01", text, StringComparison.Ordinal);
        Assert.Contains("Conditions", text, StringComparison.Ordinal);
        Assert.Contains("**#2** Hotline screening", text, StringComparison.Ordinal);
        Assert.Contains("owner Maria · due 2027-01-15 · open", text, StringComparison.Ordinal);
        Assert.Null(card["actions"]);
    }
}
