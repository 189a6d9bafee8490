using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Core.Tests.Concerns;

/// <summary>How an owner's waiting notice takes in later ones: every concern once, as it is now, in its own words.</summary>
public sealed class OwnerNoticeGatheringTests
{
    private static readonly Guid Proposal = Guid.Parse("0192f000-0000-7000-8000-00000000a001");

    [Fact]
    public void Later_concerns_follow_the_waiting_ones_and_a_later_state_replaces_the_earlier_where_it_stands()
    {
        var waiting = Notice(Proposal, View(1, "Ten more minutes per case"), View(2, "Nobody asked the night shift"));
        var later = Notice(Proposal, View(2, "Nobody asked the night shift", ConcernStatus.Open, "reopened"), View(3, "A court could read the score as a finding"));

        var gathered = Assert.IsType<OwnerConcerns>(waiting.Gather(later));

        Assert.Equal([1, 2, 3], gathered.Concerns.Select(c => c.Number));
        Assert.Equal("reopened", gathered.Concerns[1].Response);
        Assert.Equal(["Ten more minutes per case", "Nobody asked the night shift", "A court could read the score as a finding"], gathered.Concerns.Select(c => c.Text));
    }

    [Fact]
    public void Words_marked_new_in_a_waiting_notice_stay_marked_when_a_later_state_of_the_concern_takes_its_place()
    {
        // The owner was sent #1 before; the waiting notice marks Ana's words, and a later one (after the first was
        // counted as heard) marks only Ben's. The owner has read neither.
        var waiting = Notice(Proposal, View(1, "Answers that meet the rule") with { Changes = [new VoiceChange("anon:ana", "q", false)] });
        var later = Notice(Proposal, View(1, "Answers that meet the rule") with { Changes = [new VoiceChange("anon:ben", "q", false), new VoiceChange("anon:ana", "q", true)] });

        var gathered = Assert.IsType<OwnerConcerns>(waiting.Gather(later));

        Assert.Equal(["anon:ana new", "anon:ben new"], Assert.Single(gathered.Concerns).Changes.Select(c => $"{c.RaiserKey} {(c.Edited ? "edited" : "new")}"));

        // Waiting unmarked, the concern is all new to the owner: so it stays, whatever the later state marks.
        var unmarked = Notice(Proposal, View(1, "Answers that meet the rule"));
        Assert.Empty(Assert.Single(Assert.IsType<OwnerConcerns>(unmarked.Gather(later)).Concerns).Changes);
    }

    [Fact]
    public void A_full_notice_takes_in_no_new_concern_but_still_takes_a_later_state_of_one_it_holds()
    {
        var full = Notice(Proposal, [.. Enumerable.Range(1, OwnerConcerns.MaxGathered).Select(n => View(n, $"concern {n}"))]);

        Assert.Null(full.Gather(Notice(Proposal, View(OwnerConcerns.MaxGathered + 1, "one too many"))));
        var updated = Assert.IsType<OwnerConcerns>(full.Gather(Notice(Proposal, View(4, "concern 4", ConcernStatus.Open, "reopened"))));
        Assert.Equal(OwnerConcerns.MaxGathered, updated.Concerns.Count);
        Assert.Equal("reopened", updated.Concerns[3].Response);
    }

    [Fact]
    public void Notices_about_another_proposal_or_of_another_kind_are_not_taken_in()
    {
        var waiting = Notice(Proposal, View(1, "Ten more minutes per case"));

        Assert.Null(waiting.Gather(Notice(Guid.Parse("0192f000-0000-7000-8000-00000000a002"), View(2, "elsewhere"))));
        Assert.Null(waiting.Gather(new Confirmation("Recorded concern #2")));
    }

    private static OwnerConcerns Notice(Guid deliberation, params ConcernView[] concerns) => new(deliberation, "Predictive screening for hotline calls", concerns);

    private static ConcernView View(int number, string words, ConcernStatus status = ConcernStatus.Open, string? response = null) =>
        new(Guid.CreateVersion7(), number, ConcernKind.Concern, "Work", words, [StakeholderGroup.FrontlineWorker], 1, status, response, null, null,
            [ConcernAction.Acknowledge, ConcernAction.Respond]);
}
