using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Teams.Cards;

namespace DeliberationBot.Teams.Tests.Cards;

/// <summary>The decision form comes after the unresolved concerns, each in the words of the people who raised it.</summary>
public sealed class DecisionRequestCardTests
{
    [Fact]
    public void Many_long_unresolved_concerns_page_between_concerns_with_the_form_and_its_button_on_the_last_card()
    {
        var words = "The night shift was never asked how they triage calls today. " + new string('x', 1800);
        var unresolved = Enumerable.Range(1, 30).Select(i => new ConcernView(Guid.NewGuid(), i, ConcernKind.Concern, "Purpose", $"Concern {i}: {words}", [StakeholderGroup.FrontlineWorker], 1,
            ConcernStatus.Open, null, null, null, []) { Voices = [new ConcernVoice($"user:U{i}", StakeholderGroup.FrontlineWorker, $"Person {i}", $"Concern {i}: {words}", "purpose")] }).ToList();
        var request = new DecisionRequest(Samples.Id, "Hotline screening", unresolved.Count) { Unresolved = unresolved };

        var activities = AdaptiveCardRenderer.Activities(request);

        Assert.True(activities.Count > 1);
        Assert.All(activities, a => Assert.InRange(CardPager.Bytes(a), 1, CardPager.MaxActivityBytes - CardPager.EnvelopeReserve + 200));
        var lines = activities.SelectMany(a => RendererTests.TextBlocks(a)).ToList();
        Assert.Contains(DecisionRequest.UnresolvedHeading, lines);
        foreach (var i in Enumerable.Range(1, 30))
        {
            Assert.Contains(lines, l => l.Contains($"“Concern {i}: {words}”", StringComparison.Ordinal));
        }

        // The outcome, the reason and the button are on one card, the last, so the button sends what was entered.
        var cards = activities.Select(a => a["attachments"]![0]!["content"]!.AsObject()).ToList();
        Assert.All(cards.SkipLast(1), c => Assert.DoesNotContain(RendererTests.Actions(c), a => a["verb"]?.GetValue<string>() == "decide"));
        var last = cards[^1];
        Assert.Contains(RendererTests.Actions(last), a => a["verb"]?.GetValue<string>() == "decide");
        Assert.Contains(RendererTests.Body(last), e => e["id"]?.GetValue<string>() == "outcome");
        Assert.Contains(RendererTests.Body(last), e => e["id"]?.GetValue<string>() == "rationale");
    }
}
