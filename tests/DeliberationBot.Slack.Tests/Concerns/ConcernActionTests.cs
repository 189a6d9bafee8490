using System.Net;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using Microsoft.Extensions.DependencyInjection;
using DeliberationBot.Slack.Tests.Infrastructure;
using DeliberationBot.Slack.Tests.Rendering;
using static DeliberationBot.Slack.Tests.Concerns.ClosedDeliberation;

namespace DeliberationBot.Slack.Tests.Concerns;

/// <summary>Owners respond to concerns with buttons and modals; raisers accept or reopen; everyone else is refused.</summary>
public sealed class ConcernActionTests : SlackHostTest
{
    private ClosedDeliberation _closed = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _closed = await ClosedDeliberation.StartAsync(Host);
    }

    [Fact]
    public async Task An_owner_gets_their_concerns_privately_each_with_its_groups_status_and_a_button_per_action()
    {
        var dm = _closed.LastDirectMessage(Maria, "Concerns for you");
        SlackLimitsAssert.Message(JsonNode.Parse(dm.Body)!.AsObject());

        var buttons = Blocks.Buttons(dm.Json);
        foreach (var c in _closed.Concerns)
        {
            var view = Assert.Single(buttons.Where(b => b.BlockId == $"concern_{c.Id:N}").GroupBy(b => b.BlockId));
            Assert.Equal(["concern_acknowledge", "concern_respond", "concern_mark_addressed", "concern_wont_address"], view.Select(b => b.ActionId));
            Assert.All(view, b => Assert.Equal(c.Id.ToString("N"), b.Value));
            Assert.Contains($"Concern #{c.Number}", dm.Strings, StringComparison.Ordinal);
        }

        // Each concern in the words of the people who raised it, with their group, named only when they answered by name.
        Assert.Contains("“Rank calls by risk”\n— Frontline worker (u0ana)", dm.Strings, StringComparison.Ordinal);
        Assert.Contains("“No”\n— Community member or advocate (anonymous)", dm.Strings, StringComparison.Ordinal);
        Assert.Contains("Status: open", dm.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("U0SAM", dm.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_acts_at_once_and_a_double_click_has_one_effect()
    {
        var dm = _closed.LastDirectMessage(Maria, "Concerns for you");
        var overrides = _closed.Overrides;

        Assert.Equal(HttpStatusCode.OK, (await Host.InteractionAsync(Press(dm, "concern_acknowledge", overrides.Id, Maria))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Host.InteractionAsync(Press(dm, "concern_acknowledge", overrides.Id, Maria))).StatusCode);
        var reply = await Api.WaitForAsync("chat.postEphemeral");

        Assert.Equal((Maria, "D0" + Maria), (reply.Json.GetProperty("user").GetString(), reply.Json.GetProperty("channel").GetString()));
        Assert.Contains($"Concern #{overrides.Number} is now acknowledged.", reply.Strings, StringComparison.Ordinal);
        Assert.Equal(ConcernStatus.Acknowledged, (await _closed.ReloadAsync(overrides)).Status);

        // A later press by someone else is a barrier: its reply is the second ephemeral, so the double click sent none.
        await Host.InteractionAsync(Press(dm, "concern_acknowledge", _closed.Purpose.Id, Eve));
        await Api.WaitForAsync("chat.postEphemeral", 2);
        Assert.Single(_closed.EphemeralsTo(Maria));
        Assert.Single(await Host.EventsAsync(_closed.Deliberation), e => e.Type == "concern.acknowledged");
    }

    [Fact]
    public async Task After_the_owner_acts_their_message_is_drawn_again_as_its_concerns_stand_offering_only_what_is_left()
    {
        var dm = _closed.LastDirectMessage(Maria, "Concerns for you");
        var (overrides, purpose) = (_closed.Overrides, _closed.Purpose);

        await Host.InteractionAsync(Press(dm, "concern_acknowledge", overrides.Id, Maria));
        var redrawn = await Api.WaitForAsync("chat.update", c => c.Json.GetProperty("ts").GetString() == Blocks.Posted(dm).Ts);
        Assert.Equal(Blocks.Posted(dm).Channel, redrawn.Json.GetProperty("channel").GetString());
        SlackLimitsAssert.Message(JsonNode.Parse(redrawn.Body)!.AsObject());
        var after = Blocks.Buttons(redrawn.Json);
        Assert.Equal(["concern_respond", "concern_mark_addressed", "concern_wont_address"], after.Where(b => b.BlockId == $"concern_{overrides.Id:N}").Select(b => b.ActionId));
        Assert.Contains("concern_acknowledge", after.Where(b => b.BlockId == $"concern_{purpose.Id:N}").Select(b => b.ActionId));
        Assert.Contains("Status: acknowledged", redrawn.Strings, StringComparison.Ordinal);

        // Words asked for in a modal: the message is drawn again once they are in.
        var pressed = Press(dm, "concern_mark_addressed", overrides.Id, Maria);
        pressed["message"]!["blocks"] = JsonNode.Parse(redrawn.Json.GetProperty("blocks").GetRawText());
        await Host.InteractionAsync(pressed);
        var modal = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(modal, Modals.Values(("response", SlackPayloads.Input("plain_text_input", "Overrides need one click."))), Maria, "V0MA", "m-1"));
        var again = await Api.WaitForAsync("chat.update", c => c.Json.GetProperty("ts").GetString() == Blocks.Posted(dm).Ts, count: 2);
        Assert.Contains("Overrides need one click.", again.Strings, StringComparison.Ordinal);
        Assert.Equal(["concern_respond"], Blocks.Buttons(again.Json).Where(b => b.BlockId == $"concern_{overrides.Id:N}").Select(b => b.ActionId));
    }

    [Fact]
    public async Task Someone_who_is_not_an_owner_is_refused_privately_and_nothing_changes()
    {
        var dm = _closed.LastDirectMessage(Maria, "Concerns for you");

        await Host.InteractionAsync(Press(dm, "concern_acknowledge", _closed.Purpose.Id, Eve));
        // No message offers Eve an Accept button; a forged press is refused all the same.
        await Host.InteractionAsync(SlackPayloads.BlockAction("concern_accept", _closed.Purpose.Id.ToString("N"), Eve));

        var refusals = await Task.WhenAll(Api.WaitForAsync("chat.postEphemeral", 1), Api.WaitForAsync("chat.postEphemeral", 2));
        Assert.All(refusals, r => Assert.Equal(Eve, r.Json.GetProperty("user").GetString()));
        Assert.Contains(":warning: Only the proposal's owners can respond to this concern.", refusals[0].Strings, StringComparison.Ordinal);
        Assert.Contains("with no response to accept yet. Nothing changed.", refusals[1].Strings, StringComparison.Ordinal);
        Assert.Equal(ConcernStatus.Open, (await _closed.ReloadAsync(_closed.Purpose)).Status);
        Assert.DoesNotContain(await Host.EventsAsync(_closed.Deliberation), e => e.Type is "concern.acknowledged" or "concern.accepted");
    }

    [Fact]
    public async Task Mark_addressed_asks_for_the_words_in_a_modal_and_the_raiser_accepts_from_their_own_message()
    {
        var dm = _closed.LastDirectMessage(Maria, "Concerns for you");
        var overrides = _closed.Overrides;

        await Host.InteractionAsync(Press(dm, "concern_mark_addressed", overrides.Id, Maria));
        var modal = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        Assert.Equal("concern_text", Modals.Callback(modal));
        Assert.Equal("plain_text_input", Modals.InputElement(modal, "response")!["type"]!.GetValue<string>());
        Assert.Contains($"Concern #{overrides.Number}", modal.ToJsonString(), StringComparison.Ordinal);
        SlackLimitsAssert.Modal(modal);

        JsonObject Words(string text) => Modals.Values(("response", SlackPayloads.Input("plain_text_input", text)));
        var blank = JsonNode.Parse(await (await Host.InteractionAsync(SlackPayloads.ViewSubmission(modal, Words("   "), Maria, "V0MA", "m-1"))).Content.ReadAsStringAsync())!;
        Assert.Equal("errors", blank["response_action"]!.GetValue<string>());
        Assert.Contains("write your response", blank["errors"]!["response"]!.GetValue<string>(), StringComparison.Ordinal);

        var done = await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(modal, Words("Overrides need one click <!here>."), Maria, "V0MA", "m-2")));
        Assert.Contains("is now addressed", done.ToJsonString(), StringComparison.Ordinal);
        var addressed = await _closed.ReloadAsync(overrides);
        Assert.Equal((ConcernStatus.Addressed, "Overrides need one click <!here>."), (addressed.Status, addressed.Response));

        // Ana raised it by name: the response reaches her privately, with Accept and Reopen.
        await Host.SettleOutboxAsync();
        var notice = _closed.LastDirectMessage(Ana, "responded to the concern you raised");
        Assert.Contains("Response from maria: Overrides need one click <\u2060!here>.", notice.Strings, StringComparison.Ordinal);
        Assert.Equal(["concern_accept", "concern_reopen"], Blocks.Buttons(notice.Json).Select(b => b.ActionId));

        await Host.InteractionAsync(Press(notice, "concern_accept", overrides.Id, Ana));
        var accepted = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Equal(Ana, accepted.Json.GetProperty("user").GetString());
        Assert.Contains("is now resolved", accepted.Strings, StringComparison.Ordinal);
        Assert.Equal(ConcernStatus.Resolved, (await _closed.ReloadAsync(overrides)).Status);
        await Host.SettleOutboxAsync();
        Assert.Contains("Status: resolved", _closed.LastDirectMessage(Maria, "Concerns for you").Strings, StringComparison.Ordinal);
        Assert.Contains(", who raised it, accepted your response: the concern is settled.", _closed.LastDirectMessage(Maria, "Concerns for you").Strings, StringComparison.Ordinal);

        // Her notice is drawn again as it now stands: settled, and only Reopen left; reopening it, then, says so.
        var settled = await Api.WaitForAsync("chat.update", c => c.Json.GetProperty("ts").GetString() == Blocks.Posted(notice).Ts);
        Assert.Contains("You accepted the response, and the concern is settled. If it stops being settled for you, you can reopen it.", settled.Strings, StringComparison.Ordinal);
        Assert.Contains("Status: resolved", settled.Strings, StringComparison.Ordinal);
        Assert.Equal(["concern_reopen"], Blocks.Buttons(settled.Json).Select(b => b.ActionId));
        // Reopen asks, in a form, what is not settled for her; her words join the concern's, and the owners read them.
        var reopen = Press(notice, "concern_reopen", overrides.Id, Ana);
        reopen["message"]!["blocks"] = JsonNode.Parse(settled.Json.GetProperty("blocks").GetRawText());
        await Host.InteractionAsync(reopen);
        var opened = await Api.WaitForAsync("views.open", 2);
        var form = Modals.ViewOf(opened);
        Assert.Equal("Reopen concern", Modals.Title(form));
        Assert.Contains("Optional. The owners will read it with the concern, in your words, attributed “Frontline worker (u0ana), on reopening it”. Others in the conversation can read it too, with your group but not your name.\n", opened.Strings, StringComparison.Ordinal);
        Assert.True(form["blocks"]!.AsArray().Single(b => b!["block_id"]?.GetValue<string>() == "response")!["optional"]!.GetValue<bool>());
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(form,
            Modals.Values(("response", SlackPayloads.Input("plain_text_input", "Nights still have one supervisor for forty cases."))), Ana, "V0AR", "ar-1"));
        var reopened = await Api.WaitForAsync("chat.update", c => c.Json.GetProperty("ts").GetString() == Blocks.Posted(notice).Ts, count: 2);
        Assert.Contains("You reopened the concern, and the owners have been told.", reopened.Strings, StringComparison.Ordinal);
        Assert.Contains("“Nights still have one supervisor for forty cases.”", reopened.Strings, StringComparison.Ordinal);
        // Her words answer the response, not the question: they come after the line saying which question raised it.
        var drawn = string.Join("\n", RecordedCall.StringsOf(reopened.Json.GetProperty("blocks")));
        Assert.True(drawn.IndexOf("On: ", StringComparison.Ordinal) is var on and >= 0 && on < drawn.IndexOf("“Nights still", StringComparison.Ordinal));
        Assert.Contains("Response from maria, before it was reopened: ", drawn, StringComparison.Ordinal); // the response that did not settle it
        Assert.Empty(Blocks.Buttons(reopened.Json));
        Assert.Equal(ConcernStatus.Open, (await _closed.ReloadAsync(overrides)).Status);
        await Host.SettleOutboxAsync();
        var toMaria = _closed.LastDirectMessage(Maria, "Concerns for you").Strings;
        Assert.Contains("reopened it: your response did not settle it for them.", toMaria, StringComparison.Ordinal);
        Assert.Contains("Since you were last sent this concern, 1 person added their words (marked new).", toMaria, StringComparison.Ordinal);
        Assert.Contains("“Nights still have one supervisor for forty cases.”", toMaria, StringComparison.Ordinal);
        Assert.Contains(", on reopening it · new", toMaria, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_on_a_notice_older_than_the_concerns_last_change_is_refused_and_the_notice_drawn_as_it_stands()
    {
        var overrides = _closed.Overrides;
        await OwnerAnswersOverridesAsync("concern_mark_addressed", "Overrides need one click.");
        await Host.SettleOutboxAsync();
        var notice = _closed.LastDirectMessage(Ana, "responded to the concern you raised");

        // The facilitator closes it elsewhere: Ana is sent a new notice, and the one she had still shows Accept.
        var closed = await Host.Services.GetRequiredService<ConcernService>().ActAsync(Person(Dana), overrides.Id, ConcernAction.CloseWithoutRaisers, "Dropped with the pilot.", "close-1", default);
        Assert.IsNotType<Core.Messaging.ErrorMessage>(Assert.Single(closed.Replies));
        await Host.SettleOutboxAsync();
        _closed.LastDirectMessage(Ana, "closed the concern you raised");

        await Host.InteractionAsync(Press(notice, "concern_accept", overrides.Id, Ana));

        var refused = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Contains($"Concern #{overrides.Number} is already closed by the facilitator. Nothing changed.", refused.Strings, StringComparison.Ordinal);
        var redrawn = await Api.WaitForAsync("chat.update", c => c.Json.GetProperty("ts").GetString() == Blocks.Posted(notice).Ts);
        Assert.Contains("closed the concern you raised", redrawn.Strings, StringComparison.Ordinal);
        Assert.Contains("It is closed without waiting for the people who raised it", redrawn.Strings, StringComparison.Ordinal);
        Assert.Empty(Blocks.Buttons(redrawn.Json));
        Assert.Equal(ConcernStatus.ClosedByFacilitator, (await _closed.ReloadAsync(overrides)).Status);
    }

    [Fact]
    public async Task A_response_that_leaves_the_concern_open_tells_the_raiser_so_and_asks_nothing_they_have_no_button_for()
    {
        var overrides = _closed.Overrides;
        await OwnerAnswersOverridesAsync("concern_respond", "We are asking the vendor.");
        Assert.Equal(ConcernStatus.Acknowledged, (await _closed.ReloadAsync(overrides)).Status);

        await Host.SettleOutboxAsync();
        var notice = _closed.LastDirectMessage(Ana, "responded to the concern you raised");
        Assert.Contains("Response from maria: We are asking the vendor.", notice.Strings, StringComparison.Ordinal);
        Assert.Contains("It stays open: when the owners mark it addressed, or say they won't address it, you'll be asked whether that settles it.", notice.Strings, StringComparison.Ordinal);
        Assert.DoesNotContain("Accept", notice.Strings, StringComparison.Ordinal);
        Assert.Empty(Blocks.Buttons(notice.Json));
    }

    [Fact]
    public async Task A_response_to_an_anonymous_raiser_is_posted_in_the_channel_where_only_a_raiser_can_accept()
    {
        var dm = _closed.LastDirectMessage(Maria, "Concerns for you");
        var appeal = _closed.Appeal;
        await Host.InteractionAsync(Press(dm, "concern_wont_address", appeal.Id, Maria));
        var modal = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        await Modals.UpdatedViewAsync(await Host.InteractionAsync(SlackPayloads.ViewSubmission(modal,
            Modals.Values(("response", SlackPayloads.Input("plain_text_input", "Appeals go through the hearing process."))), Maria, "V0MW", "w-1")));

        await Host.SettleOutboxAsync();
        var posted = Api.CallsTo("chat.postMessage").Last(c => c.Json.GetProperty("channel").GetString() == SlackPayloads.Channel);
        Assert.Contains("Only the people who raised it can accept the response or reopen the concern.", posted.Strings, StringComparison.Ordinal);

        await Host.InteractionAsync(Press(posted, "concern_accept", appeal.Id, Eve));
        var refused = await Api.WaitForAsync("chat.postEphemeral");
        Assert.Equal((Eve, SlackPayloads.Channel), (refused.Json.GetProperty("user").GetString(), refused.Json.GetProperty("channel").GetString()));
        Assert.Contains("Only the people who raised this concern can accept or reopen it.", refused.Strings, StringComparison.Ordinal);
        Assert.Equal(ConcernStatus.WontAddress, (await _closed.ReloadAsync(appeal)).Status);

        await Host.InteractionAsync(Press(posted, "concern_accept", appeal.Id, Sam));
        var accepted = await Api.WaitForAsync("chat.postEphemeral", 2);
        Assert.Equal(Sam, accepted.Json.GetProperty("user").GetString());
        Assert.Equal(ConcernStatus.Resolved, (await _closed.ReloadAsync(appeal)).Status);
        Assert.StartsWith("anon:", (await Host.EventsAsync(_closed.Deliberation)).Single(e => e.Type == "concern.accepted").Actor, StringComparison.Ordinal);

        // The channel's message is drawn again for everyone, the same for all: Eve's refused press drew nothing.
        bool OnThePost(RecordedCall c) => c.Json.GetProperty("ts").GetString() == Blocks.Posted(posted).Ts;
        var settled = await Api.WaitForAsync("chat.update", OnThePost);
        Assert.Equal(SlackPayloads.Channel, settled.Json.GetProperty("channel").GetString());
        Assert.Contains("Everyone who raised it accepted the response, so the concern is settled. Any of them can still reopen it.", settled.Strings, StringComparison.Ordinal);
        Assert.Equal(["concern_reopen"], Blocks.Buttons(settled.Json).Select(b => b.ActionId));
        Assert.Single(Api.CallsTo("chat.update"), OnThePost);

        // Someone who did not raise it is refused before any form asks them for words.
        await Host.InteractionAsync(Press(posted, "concern_reopen", appeal.Id, Eve));
        var refusedReopen = await Api.WaitForAsync("chat.postEphemeral", 3);
        Assert.Equal(Eve, refusedReopen.Json.GetProperty("user").GetString());
        Assert.Contains("Only the people who raised this concern can accept or reopen it.", refusedReopen.Strings, StringComparison.Ordinal);
        Assert.Single(Api.CallsTo("views.open")); // the owner's form only

        // Reopening from the channel's message: the form, Sam's alone, says his words go with his group, not his name,
        // and that in a group as small as his, people who know it may tell who wrote them.
        var reopen = Press(posted, "concern_reopen", appeal.Id, Sam);
        reopen["message"]!["blocks"] = JsonNode.Parse(settled.Json.GetProperty("blocks").GetRawText());
        await Host.InteractionAsync(reopen);
        var form = (await Api.WaitForAsync("views.open", 2)).Strings;
        Assert.Contains("in your words, attributed “Community member or advocate (anonymous), on reopening it”. Your stakeholder group has fewer than 3 people in this deliberation, so people who know the group may be able to tell who wrote this.", form, StringComparison.Ordinal);
    }

    /// <summary>Maria presses an owner's button on the overrides concern in her message and sends her words in its form.</summary>
    private async Task OwnerAnswersOverridesAsync(string actionId, string words)
    {
        await Host.InteractionAsync(Press(_closed.LastDirectMessage(Maria, "Concerns for you"), actionId, _closed.Overrides.Id, Maria));
        var modal = Modals.ViewOf(await Api.WaitForAsync("views.open"));
        await Host.InteractionAsync(SlackPayloads.ViewSubmission(modal, Modals.Values(("response", SlackPayloads.Input("plain_text_input", words))), Maria, "V0MA", "owner-answers"));
    }
}
