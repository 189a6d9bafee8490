using System.Net;
using System.Text.Json;
using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Host.Tests.Support;
using static DeliberationBot.Host.Tests.Support.Cast;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Deliberations;

/// <summary>After the answers: concerns reach the owners, their responses reach the raisers, and the record can be read.</summary>
public sealed class ConcernJourneyTests : JourneyTest
{
    [Fact]
    public async Task Owners_respond_raisers_accept_or_reopen_and_every_step_is_in_the_history()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var concerns = await Store.ListConcernsAsync(Ws, d.Id, default);
        var overrides = concerns.Single(c => c.QuestionId == "can-override");
        var purpose = concerns.Single(c => c.QuestionId == "purpose");
        Assert.Equal((ConcernOrigin.FlowRule, ConcernOrigin.FlaggedAnswer), (overrides.Origin, purpose.Origin));
        Assert.Equal([StakeholderGroup.FrontlineWorker], overrides.RaisedByGroups);

        var toMaria = await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns && s.Message.Destination.User?.Id == "U-MARIA");
        Assert.Equal(DeliveryMode.Private, toMaria.Message.Destination.Mode);
        Assert.Contains(((OwnerConcerns)toMaria.Message.Message).Concerns, c => c.Id == overrides.Id && c.Actions.Contains(ConcernAction.MarkAddressed));
        // The facilitator is asked for the decision with every unresolved concern in its raisers' words, through the outbox as stored.
        var request = (DecisionRequest)(await Factory.Channel.WaitForAsync(s => s.Message.Message is DecisionRequest && s.Message.Destination.User?.Id == "U-DANA")).Message.Message;
        Assert.Equal(concerns.Where(c => c.IsUnresolved).Select(c => c.Number).Order(), request.Unresolved.Select(v => v.Number));
        Assert.Equal(request.UnresolvedConcerns, request.Unresolved.Count);
        Assert.Contains(request.Unresolved, v => v.Voices.Any(voice => voice.Text == "Rank calls by risk" && voice.Name == "Ana"));
        var toDana = await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns && s.Message.Destination.User?.Id == "U-DANA");
        Assert.All(((OwnerConcerns)toDana.Message.Message).Concerns, c => Assert.Equal([ConcernAction.CloseWithoutRaisers], c.Actions));
        // Dana, who is not an owner, reads why she was sent them.
        Assert.StartsWith(
            $"Concerns on \"{d.Title}\": the owners answer these; as the facilitator, you can close one without waiting for the people who raised it, saying why.",
            PlainTextRenderer.Render(toDana.Message.Message), StringComparison.Ordinal);
        var summary = (Core.Summaries.SummaryReport)(await Factory.Channel.WaitForAsync(s => s.Message.Message is Core.Summaries.SummaryReport)).Message.Message;
        var text = PlainTextRenderer.Render(summary);
        Assert.Contains("Flagged as concerns", text, StringComparison.Ordinal);
        Assert.Contains("Rank calls by risk", text, StringComparison.Ordinal); // Ana's flagged, named answer is quoted
        Assert.DoesNotContain("Ana", text, StringComparison.Ordinal);
        Assert.DoesNotContain("U-SAM", text, StringComparison.Ordinal);

        Assert.Contains("Only the proposal's owners", Error(await Concerns.ActAsync(Eve, overrides.Id, ConcernAction.MarkAddressed, "done", Key(), default)));
        Assert.Contains("write your response", Error(await Concerns.ActAsync(Maria, overrides.Id, ConcernAction.MarkAddressed, " ", Key(), default)));
        Assert.IsType<Confirmation>((await Concerns.ActAsync(Maria, overrides.Id, ConcernAction.Acknowledge, null, Key(), default)).Replies.Single());
        await Concerns.ActAsync(Maria, overrides.Id, ConcernAction.MarkAddressed, "Overrides need one click and no form.", Key(), default);

        var notice = await Factory.Channel.WaitForAsync(s => s.Message.Message is ConcernResponseNotice && s.Message.Destination.User?.Id == "U-ANA");
        Assert.Equal("Overrides need one click and no form.", ((ConcernResponseNotice)notice.Message.Message).Concern.Response);
        Assert.Contains("Only the people who raised", Error(await Concerns.ActAsync(Eve, overrides.Id, ConcernAction.Accept, null, Key(), default)));

        await Concerns.ActAsync(Ana, overrides.Id, ConcernAction.Reopen, null, Key(), default);
        Assert.Equal(ConcernStatus.Open, (await Store.FindConcernAsync(Ws, overrides.Id, default))!.Status);
        await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns o && o.Concerns.Count == 1 && o.Concerns[0].Id == overrides.Id);
        await Concerns.ActAsync(Maria, overrides.Id, ConcernAction.MarkAddressed, "Now with a pilot of the override button.", Key(), default);
        await Concerns.ActAsync(Ana, overrides.Id, ConcernAction.Accept, null, Key(), default);
        Assert.Equal(ConcernStatus.Resolved, (await Store.FindConcernAsync(Ws, overrides.Id, default))!.Status);

        var history = (await Store.ListEventsAsync(Ws, d.Id, default)).Where(e => e.Type.StartsWith("concern.", StringComparison.Ordinal) && e.Data!.StartsWith($"#{overrides.Number}", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["concern.raised", "concern.acknowledged", "concern.addressed", "concern.reopened", "concern.addressed", "concern.accepted"],
            history.Select(e => e.Type));
        Assert.Equal(["user:U-MARIA", "user:U-ANA"], history.Skip(1).Select(e => e.Actor).Distinct().Order(StringComparer.Ordinal).Reverse());

        // The record keeps each response in its step, the first as well as the one the concern now carries (given once, as its response).
        var export = Assert.IsType<ExportLink>((await Commands.HandleAsync(Maria, Room, "export", null, Key(), default)).Replies.Single());
        var markdown = await Http.GetStringAsync(export.Markdown.PathAndQuery);
        Assert.Contains(" concern.addressed — Maria: Overrides need one click and no form.", markdown, StringComparison.Ordinal);
        Assert.Contains("- Response from Maria: Now with a pilot of the override button.", markdown, StringComparison.Ordinal);
        Assert.Contains(" concern.addressed — Maria\n", markdown, StringComparison.Ordinal);
        var steps = JsonDocument.Parse(await Http.GetStringAsync(export.Json.PathAndQuery)).RootElement.GetProperty("concerns").EnumerateArray()
            .Single(c => c.GetProperty("number").GetInt32() == overrides.Number).GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("words").GetString()).ToList();
        Assert.Equal([null, null, "Overrides need one click and no form.", null, "Now with a pilot of the override button.", null], steps);
    }

    [Fact]
    public async Task When_one_person_reopens_a_concern_the_others_who_raised_it_by_name_are_told_in_their_words()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria>", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        foreach (var who in new[] { Ana, Eve })
        {
            await Answering.JoinAsync(who, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
            await Answering.AnswerAsync(who, d.Id, "can-override", Core.Flows.AnswerValue.FromChoices("no"), flagConcern: false, Key(), default);
        }

        await Commands.HandleAsync(Dana, Room, "close", null, Key(), default);
        await Factory.DeliverAsync();
        var overrides = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "can-override");
        Assert.Equal(["user:U-ANA", "user:U-EVE"], overrides.Raisers.Order(StringComparer.Ordinal));
        await Concerns.ActAsync(Maria, overrides.Id, ConcernAction.MarkAddressed, "Overrides need one click.", Key(), default);
        await Factory.DeliverAsync();

        // Ana reopens it: Eve, who may have accepted already, is told it is open again, with Ana's reasons, and may add hers.
        var reopened = Assert.IsType<Confirmation>(Assert.Single((await Concerns.ActAsync(Ana, overrides.Id, ConcernAction.Reopen, "Not on nights: nobody there may.", Key(), default)).Replies));
        Assert.EndsWith("Maria has been told. So has the other person who raised it by name.", reopened.Text, StringComparison.Ordinal);
        var toEve = await Factory.Channel.WaitForAsync(s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null } && s.Message.Destination.User?.Id == "U-EVE");
        var notice = (ConcernResponseNotice)toEve.Message.Message;
        Assert.Equal(DeliveryMode.Private, toEve.Message.Destination.Mode);
        Assert.Equal(
            "The concern you raised on \"Predictive screening for hotline calls\" is open again: it was reopened by Ana, who raised it too, as the owners' response did not settle it for them. " +
            "The owners have been told. If it is not settled for you either, press Reopen and tell them why. When they mark it addressed, or say they won't address it, you'll be asked again whether that settles it.",
            notice.Lead("\"Predictive screening for hotline calls\"", text => text) + " " + notice.NextStep);
        Assert.Equal([ConcernAction.Reopen], notice.Concern.Actions);
        Assert.Contains(notice.Concern.OnReopening, v => v.Text == "Not on nights: nobody there may." && v.Name == "Ana");
        Assert.DoesNotContain(Factory.Channel.Sent, s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null } && s.Message.Destination.User?.Id == "U-ANA");

        // Eve adds her reasons to the reopened concern; it was open again already, so nobody is told a second time.
        var sent = Factory.Channel.Sent.Count(s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null });
        Assert.IsType<Confirmation>(Assert.Single((await Concerns.ActAsync(Eve, overrides.Id, ConcernAction.Reopen, "Days too: it takes a form.", Key(), default)).Replies));
        await Factory.DeliverAsync();
        Assert.Equal(sent, Factory.Channel.Sent.Count(s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null }));
    }

    [Fact]
    public async Task When_a_named_raiser_reopens_a_concern_those_who_raised_it_anonymously_are_told_in_the_conversation()
    {
        await Commands.HandleAsync(Dana, Room, "start quick-check \"Predictive screening for hotline calls\" owner:<@U-MARIA|Maria> anonymous", null, Key(), default);
        var d = (await Store.FindLatestOpenAsync(Ws, "test", "C-REVIEW", default))!;
        await Answering.JoinAsync(Ana, d.Id, StakeholderGroup.FrontlineWorker, anonymous: false, Key(), default);
        await Answering.JoinAsync(Sam, d.Id, StakeholderGroup.FrontlineWorker, anonymous: true, Key(), default);
        foreach (var who in new[] { Ana, Sam })
        {
            await Answering.AnswerAsync(who, d.Id, "can-override", Core.Flows.AnswerValue.FromChoices("no"), flagConcern: false, Key(), default);
        }

        await Commands.HandleAsync(Dana, Room, "close", null, Key(), default);
        await Factory.DeliverAsync();
        var overrides = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "can-override");
        await Concerns.ActAsync(Maria, overrides.Id, ConcernAction.MarkAddressed, "Overrides need one click.", Key(), default);
        await Factory.DeliverAsync();

        // Sam read the response in the conversation, with Accept: that is where he hears that Ana reopened it.
        var reopened = Assert.IsType<Confirmation>(Assert.Single((await Concerns.ActAsync(Ana, overrides.Id, ConcernAction.Reopen, "Not on nights: nobody there may.", Key(), default)).Replies));
        Assert.EndsWith("Maria has been told. It is posted in the conversation for the person who raised it anonymously.", reopened.Text, StringComparison.Ordinal);
        var posted = await Factory.Channel.WaitForAsync(s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null, InConversation: true });
        Assert.Equal(Destination.To(Room), posted.Message.Destination);
        var notice = (ConcernResponseNotice)posted.Message.Message;
        Assert.Equal(
            "Concern #" + overrides.Number + " on \"Predictive screening for hotline calls\" is open again: it was reopened by one of the people who raised it, as the owners' response did not settle it for them. " +
            "The owners have been told. Anyone else who raised it can press Reopen to tell them why it does not settle it for them either. " +
            "When the owners mark it addressed, or say they won't address it, the people who raised it will be asked again.",
            notice.Lead("\"Predictive screening for hotline calls\"", text => text) + " " + notice.NextStep);
        Assert.Equal([ConcernAction.Reopen], notice.Concern.Actions);
        // Everyone in the conversation reads it: Ana's words, with her group but not her name, which is for the owners.
        Assert.Contains(notice.Concern.OnReopening, v => v.Text == "Not on nights: nobody there may." && v.Name is null && v.NameWithheld);
        Assert.Equal("Frontline worker, on reopening it", ConcernView.Attribution(notice.Concern.OnReopening.Single()));
        var json = JsonSerializer.Serialize<object>(notice);
        Assert.DoesNotContain("Sam", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana", json, StringComparison.Ordinal);

        // Sam adds his reasons from the conversation; his press draws that notice again for everyone, so nobody is told anew.
        var sent = Factory.Channel.Sent.Count(s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null });
        Assert.IsType<Confirmation>(Assert.Single((await Concerns.ActAsync(Sam, overrides.Id, ConcernAction.Reopen, "Days too: it takes a form.", Key(), default)).Replies));
        await Factory.DeliverAsync();
        Assert.Equal(sent, Factory.Channel.Sent.Count(s => s.Message.Message is ConcernResponseNotice { ReopenedBy: not null }));
        Assert.Contains((await Store.FindConcernAsync(Ws, overrides.Id, default))!.Voices, v => v.Reopening && v.Text == "Days too: it takes a form." && v.Name is null);
    }

    [Fact]
    public async Task An_anonymous_raiser_hears_the_response_in_the_conversation_and_accepts_without_being_named()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var appeal = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "can-appeal");
        Assert.All(appeal.Raisers, r => Assert.StartsWith("anon:", r, StringComparison.Ordinal));

        await Concerns.ActAsync(Maria, appeal.Id, ConcernAction.WontAddress, "Appeals go through the existing hearing process.", Key(), default);
        var posted = await Factory.Channel.WaitForAsync(s => s.Message.Message is ConcernResponseNotice { InConversation: true });
        Assert.Equal(Destination.To(Room), posted.Message.Destination);
        Assert.Contains(ConcernAction.Accept, ((ConcernResponseNotice)posted.Message.Message).Concern.Actions);

        Assert.IsType<Confirmation>((await Concerns.ActAsync(Sam, appeal.Id, ConcernAction.Accept, null, Key(), default)).Replies.Single());
        Assert.Equal(ConcernStatus.Resolved, (await Store.FindConcernAsync(Ws, appeal.Id, default))!.Status);
        var accepted = (await Store.ListEventsAsync(Ws, d.Id, default)).Single(e => e.Type == "concern.accepted");
        Assert.StartsWith("anon:", accepted.Actor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_facilitator_records_why_a_concern_closes_without_its_raisers_and_decides_with_conditions()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var purpose = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "purpose");
        Assert.Contains("Only the facilitator", Error(await Concerns.ActAsync(Maria, purpose.Id, ConcernAction.CloseWithoutRaisers, "no", Key(), default)));
        await Concerns.ActAsync(Dana, purpose.Id, ConcernAction.CloseWithoutRaisers, "The purpose was rewritten after the hearing.", Key(), default);
        Assert.Equal(ConcernStatus.ClosedByFacilitator, (await Store.FindConcernAsync(Ws, purpose.Id, default))!.Status);

        var decided = await Commands.HandleAsync(Dana, Room, "decide conditions \"Pilot in one office first.\"", null, Key(), default);
        Assert.Contains("Add each condition with", Assert.IsType<Confirmation>(decided.Replies.Single()).Text, StringComparison.Ordinal);
        Assert.StartsWith(
            "Recorded: Go with conditions. The decision has been sent privately to the person who raised an unresolved concern by name, with what they raised.",
            Assert.IsType<Confirmation>(decided.Replies.Single()).Text, StringComparison.Ordinal);
        var recorded = (DecisionRecorded)(await Factory.Channel.WaitForAsync(s => s.Message.Message is DecisionRecorded r && r.Decision.Outcome == DecisionOutcome.GoWithConditions)).Message.Message;
        // The deliberation's card, where people find it, is drawn again with the decision.
        var card = await Factory.Channel.WaitForAsync(s => s.Message.Message is DeliberationCard { Decision: not null } && s.PreviouslyPosted is not null);
        Assert.Contains("Go with conditions — Pilot in one office first.", PlainTextRenderer.Render(card.Message.Message), StringComparison.Ordinal);
        // The conversation reads that it was decided with the override concern open (the one closed without its raisers is not).
        var open = (await Store.ListConcernsAsync(Ws, d.Id, default)).Where(c => c.Status == ConcernStatus.Open).Select(c => c.Number).Order().ToList();
        Assert.Contains((await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "can-override").Number, open);
        Assert.DoesNotContain(purpose.Number, recorded.Unresolved);
        Assert.Equal(open, recorded.Unresolved);
        Assert.Contains($"Decided with {open.Count} concerns unresolved ({string.Join(", ", open.Select(n => $"#{n}"))}); the owners still respond to each.", PlainTextRenderer.Render(recorded), StringComparison.Ordinal);
        // Ana, who raised the override concern by name, is sent the decision privately with it in her words; Sam, who
        // raised his anonymously, reads it in the conversation; Dana, who decided, is not sent it.
        await Factory.DeliverAsync();
        var toRaisers = Factory.Channel.Sent.Where(s => s.Message.Message is DecisionRecorded { Yours.Count: > 0 }).ToList();
        var toAna = Assert.Single(toRaisers);
        Assert.Equal((DeliveryMode.Private, "U-ANA"), (toAna.Message.Destination.Mode, toAna.Message.Destination.User!.Id));
        var overrideConcern = Assert.Single(((DecisionRecorded)toAna.Message.Message).Yours);
        Assert.Equal("can-override", (await Store.FindConcernAsync(Ws, overrideConcern.Id, default))!.QuestionId);
        Assert.Contains(
            $"The decision on \"{d.Title}\" was recorded with the concern you raised, #{overrideConcern.Number}, still unresolved.",
            PlainTextRenderer.Render(toAna.Message.Message), StringComparison.Ordinal);
        Assert.Contains("The decision does not settle it: the owners still answer for it, and it stays open until you accept their response.", PlainTextRenderer.Render(toAna.Message.Message), StringComparison.Ordinal);
        var set = await Commands.HandleAsync(Dana, Room, "condition \"Measure data-entry minutes in the pilot\" owner:<@U-MARIA|Maria> due:2099-01-31", null, Key(), default);

        var condition = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.Kind == ConcernKind.Condition);
        Assert.Equal((new UserRef("U-MARIA", "Maria"), new DateOnly(2099, 1, 31)), (condition.Owner!, condition.Due!.Value));
        // The conversation that read the decision reads each condition it is given afterwards, in its words.
        Assert.EndsWith(ConcernService.ConditionPosted, Assert.IsType<Confirmation>(set.Replies.Single()).Text, StringComparison.Ordinal);
        var announced = await Factory.Channel.WaitForAsync(s => s.Message.Message is ConditionNotice);
        Assert.Equal((DeliveryMode.Conversation, Room.ConversationId), (announced.Message.Destination.Mode, announced.Message.Destination.Conversation.ConversationId));
        Assert.Contains(
            $"A condition of the decision on \"{d.Title}\" (Go with conditions):\n  #{condition.Number} Condition — owner Maria, due 2099-01-31 · open\n" +
            "    \"Measure data-entry minutes in the pilot\" — Dana",
            PlainTextRenderer.Render(announced.Message.Message).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        // Its owner is sent it as a condition to meet, which the person who set it reads the response to.
        var sent = (OwnerConcerns)(await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns o && o.Concerns.Any(c => c.Id == condition.Id))).Message.Message;
        Assert.Equal(("Conditions", "1 condition", "The person who set each condition will see your response."), (sent.Holds, sent.Counted(sent.AwaitingResponse), sent.WhoSeesResponse));
        Assert.StartsWith($"Conditions on \"{d.Title}\" for you to act on:", PlainTextRenderer.Render(sent), StringComparison.Ordinal);
        Assert.Contains("[Mark met] [Won't be met]", PlainTextRenderer.Render(sent), StringComparison.Ordinal);
        Assert.Equal(DecisionOutcome.GoWithConditions, (await Store.FindAsync(Ws, d.Id, default))!.Decision!.Outcome);

        // Once its owner has addressed it and the facilitator accepted that, the conversation hears it is met, and how.
        var marked = await Concerns.ActAsync(Maria, condition.Id, ConcernAction.MarkAddressed, "The pilot logs minutes per case.", Key(), default);
        Assert.Equal(
            $"Condition #{condition.Number} is now marked met, waiting for the person who set it to accept. Dana, who set it, has been sent your response privately.",
            Assert.IsType<Confirmation>(marked.Replies.Single()).Text);
        var toDana = (ConcernResponseNotice)(await Factory.Channel.WaitForAsync(s => s.Message.Message is ConcernResponseNotice n && n.Concern.Id == condition.Id)).Message.Message;
        Assert.Equal($"Maria, its owner, responded to the condition you set on \"{d.Title}\".", toDana.Lead($"\"{d.Title}\"", x => x));
        Assert.Equal("Accept that it is met, or reopen the condition if that does not settle it for you.", toDana.NextStep);
        var accepted = await Concerns.ActAsync(Dana, condition.Id, ConcernAction.Accept, null, Key(), default);
        var toMaria = (OwnerConcerns)(await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns o && o.Concerns.Any(c => c.Id == condition.Id && c.Status == ConcernStatus.Resolved))).Message.Message;
        Assert.Equal(["Dana, who set it, accepted that it is met: the condition is settled."], toMaria.Concerns.Single().Notes);
        Assert.Equal($"Condition #{condition.Number} is now met. Maria has been told.{ConcernService.ConditionPosted}", Assert.IsType<Confirmation>(accepted.Replies.Single()).Text);
        var met = (ConditionNotice)(await Factory.Channel.WaitForAsync(s => s.Message.Message is ConditionNotice { Change: ConditionChange.Met })).Message.Message;
        Assert.Contains(
            $"Condition #{condition.Number} of the decision on \"{d.Title}\" (Go with conditions) is met:\n",
            PlainTextRenderer.Render(met).ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal("The pilot logs minutes per case.", met.Condition.Response);

        // Anyone asking for the status reads the decision in Dana's words and where each condition stands.
        var status = Assert.IsType<StatusReport>(Assert.Single((await Commands.HandleAsync(Ana, Room, "status", null, Key(), default)).Replies));
        Assert.Equal((DecisionOutcome.GoWithConditions, "Pilot in one office first."), (status.Decision!.Outcome, status.Decision.Rationale));
        Assert.Equal((condition.Number, "met"), (Assert.Single(status.Conditions).Number, status.Conditions[0].StatusWords));
    }

    [Fact]
    public async Task A_response_reaches_the_raiser_and_concerns_resends_only_what_changed_and_merging_keeps_every_voice()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var concerns = await Store.ListConcernsAsync(Ws, d.Id, default);
        var purpose = concerns.Single(c => c.QuestionId == "purpose");
        var appeal = concerns.Single(c => c.QuestionId == "can-appeal");
        Assert.Equal(("Rank calls by risk", "Ana"), (purpose.Text, purpose.Voices.Single().Name));

        // Close told the owners everything; asking again sends nothing new.
        var again = await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        Assert.Contains("already heard of every concern", Assert.IsType<Confirmation>(again.Replies[1]).Text, StringComparison.Ordinal);

        // A response goes to the named raiser privately, with its words, and the owner is told so.
        var responded = Assert.IsType<Confirmation>(Assert.Single((await Concerns.ActAsync(Maria, purpose.Id, ConcernAction.Respond, "Ranking only orders the queue.", Key(), default)).Replies));
        Assert.Contains("The person who raised it has been sent your response privately.", responded.Text, StringComparison.Ordinal);
        var notice = await Factory.Channel.WaitForAsync(s => s.Message.Message is ConcernResponseNotice n && n.Concern.Id == purpose.Id);
        Assert.Equal((DeliveryMode.Private, "U-ANA"), (notice.Message.Destination.Mode, notice.Message.Destination.User!.Id));
        Assert.Equal("Ranking only orders the queue.", ((ConcernResponseNotice)notice.Message.Message).Concern.Response);

        // A stale button answers with where the concern stands and changes nothing.
        await Concerns.ActAsync(Maria, appeal.Id, ConcernAction.MarkAddressed, "A hearing is offered.", Key(), default);
        Assert.Contains("addressed, waiting for the person who raised it to accept by now", Error(await Concerns.ActAsync(Maria, appeal.Id, ConcernAction.Acknowledge, null, Key(), default)));
        Assert.Contains("Only the facilitator", Error(await Commands.HandleAsync(Maria, Room, "merge #1 #2", null, Key(), default)));
        Assert.Contains("no concern #99", Error(await Commands.HandleAsync(Dana, Room, "merge #1 #99", null, Key(), default)));

        var merged = Assert.IsType<Confirmation>(Assert.Single((await Commands.HandleAsync(Dana, Room, $"merge #{purpose.Number} #{appeal.Number}", null, Key(), default)).Replies));
        Assert.Contains("now carries the words of 2 people", merged.Text, StringComparison.Ordinal);
        var after = await Store.ListConcernsAsync(Ws, d.Id, default);
        var kept = after.Single(c => c.Id == purpose.Id);
        Assert.Equal(["Rank calls by risk", "No"], kept.Voices.Select(v => v.Text));
        Assert.Equal((ConcernStatus.Merged, (int?)purpose.Number), (after.Single(c => c.Id == appeal.Id).Status, after.Single(c => c.Id == appeal.Id).MergedInto));

        // Now there is news for the owners: `concerns` sends the merged concern, and only that.
        await Commands.HandleAsync(Maria, Room, "concerns", null, Key(), default);
        var news = (OwnerConcerns)(await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns o && o.Concerns.Any(c => c.Id == purpose.Id && c.Voices.Count == 2))).Message.Message;
        Assert.Equal([purpose.Id], news.Concerns.Select(c => c.Id));
        // The owners had heard of both: the words merged in are marked as new to this concern, the rest not.
        var view = news.Concerns.Single();
        Assert.Equal([null, "new"], view.Voices.Select(view.ChangeOf));
        Assert.Equal("Since you were last sent this concern, 1 person added their words (marked new).", view.ChangesLine);
    }

    [Fact]
    public async Task The_record_is_exported_as_markdown_and_json_behind_a_signed_expiring_link()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        await Commands.HandleAsync(Dana, Room, "decide no-go \"Not without an appeal.\"", null, Key(), default);
        var amended = Assert.IsType<Confirmation>((await Commands.HandleAsync(Dana, Room, "decide go \"The concerns have answers.\"", null, Key(), default)).Replies.Single());
        Assert.Contains("Amended (was No-go", amended.Text, StringComparison.Ordinal);
        var amendment = (DecisionRecorded)(await Factory.Channel.WaitForAsync(s => s.Message.Message is DecisionRecorded { Previous: not null })).Message.Message;
        Assert.Equal((DecisionOutcome.NoGo, DecisionOutcome.Go), (amendment.Previous!.Outcome, amendment.Decision.Outcome));
        Assert.Contains("Only the facilitator (Dana) and the owners (Maria)", Error(await Commands.HandleAsync(Ana, Room, "export", null, Key(), default)));
        var link = Assert.IsType<ExportLink>((await Commands.HandleAsync(Maria, Room, "export", null, Key(), default)).Replies.Single());

        var markdown = await Http.GetStringAsync(link.Markdown.PathAndQuery);
        Assert.Contains("# Predictive screening for hotline calls", markdown, StringComparison.Ordinal);
        Assert.Contains("**Go**, by Dana", markdown, StringComparison.Ordinal);
        Assert.Contains("Earlier: **No\\-go**, by Dana", markdown, StringComparison.Ordinal);
        Assert.Contains("\u201CRank calls by risk\u201D — Frontline worker \\(Ana\\)", markdown, StringComparison.Ordinal);
        Assert.Contains("Concern #", markdown, StringComparison.Ordinal);
        Assert.Contains("Ana, Frontline worker", markdown, StringComparison.Ordinal);
        Assert.Contains("anonymous answer from Community member or advocate withheld", markdown, StringComparison.Ordinal);
        var json = await Http.GetStringAsync(link.Json.PathAndQuery);
        Assert.Equal(d.Id, JsonDocument.Parse(json).RootElement.GetProperty("id").GetGuid());
        foreach (var body in new[] { markdown, json })
        {
            Assert.DoesNotContain("U-SAM", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Sam Secret", body, StringComparison.Ordinal);
        }

        var path = link.Markdown.AbsolutePath;
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(path + "?format=md")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(path + "?format=md&token=forged")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync($"/api/deliberations/{Guid.NewGuid():N}/export{link.Markdown.Query}")).StatusCode);
        Factory.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Http.GetAsync(link.Markdown.PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task A_suggested_concern_becomes_a_concern_only_when_the_facilitator_confirms_it_and_can_be_dismissed()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var suggestions = Factory.Services.GetRequiredService<SuggestionService>();
        var kept = await suggestions.KeepAsync(d,
            [
                new Core.Summaries.SuggestedConcern("Training time is not budgeted.", "daily-work", "added-minutes-per-case", ["A1"]),
                new Core.Summaries.SuggestedConcern("Nobody has asked the families.", "daily-work", null, ["A2"]),
            ], "summary:1", default);
        Assert.Equal(["S1", "S2"], kept.Select(s => s.Label));
        Assert.Equal(["S1", "S2"], (await suggestions.KeepAsync(d, [new Core.Summaries.SuggestedConcern("training time is NOT budgeted.", "daily-work", null, [])], "summary:2", default)).Select(s => s.Label));

        var before = (await Store.ListConcernsAsync(Ws, d.Id, default)).Count;
        Assert.Contains("Only the facilitator", Error(await Commands.HandleAsync(Maria, Room, "confirm S1", null, Key(), default)));
        Assert.Contains("no suggested concern S7", Error(await Commands.HandleAsync(Dana, Room, "confirm S7", null, Key(), default)));
        Assert.Equal(before, (await Store.ListConcernsAsync(Ws, d.Id, default)).Count);

        Assert.IsType<Confirmation>(Assert.Single((await Commands.HandleAsync(Dana, Room, "confirm S1", null, Key(), default)).Replies));
        var confirmed = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.Origin == ConcernOrigin.ConfirmedSuggestion);
        Assert.Equal(("Training time is not budgeted.", "daily-work", ConcernStatus.Open), (confirmed.Text, confirmed.SectionId!, confirmed.Status));
        await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns o && o.Concerns.Any(c => c.Id == confirmed.Id));
        Assert.Contains($"already concern #{confirmed.Number}", Assert.IsType<Confirmation>(Assert.Single((await Commands.HandleAsync(Dana, Room, "confirm S1", null, Key(), default)).Replies)).Text);

        Assert.IsType<Confirmation>(Assert.Single((await Commands.HandleAsync(Dana, Room, "dismiss S2", null, Key(), default)).Replies));
        var settled = await Store.ListSuggestionsAsync(Ws, d.Id, default);
        Assert.Equal([(SuggestionStatus.Confirmed, (int?)confirmed.Number), (SuggestionStatus.Dismissed, null)], settled.Select(s => (s.Status, s.ConcernNumber)));
        Assert.Equal(before + 1, (await Store.ListConcernsAsync(Ws, d.Id, default)).Count);
    }

    [Fact]
    public async Task A_confirmed_suggestion_reaches_the_owners_as_the_summarys_words_with_the_answers_it_cites_in_theirs()
    {
        // A1 is Ana's purpose, A2 her "no" to overriding the score, A3 Sam's anonymous "no" to an appeal (the only
        // anonymous answer of his group, too few to quote); A9 names no answer.
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var suggestions = Factory.Services.GetRequiredService<SuggestionService>();
        await suggestions.KeepAsync(d,
            [
                new Core.Summaries.SuggestedConcern("People cannot set the score aside or appeal it.", "daily-work", null, ["A2", "A3", "A9"]),
                new Core.Summaries.SuggestedConcern("The daily work section is unclear.", "daily-work", null, ["A1"]),
            ], "summary:1", default);
        Assert.EndsWith("Maria will see it. It quotes the answer the summary cited, in the words given.",
            Assert.IsType<Confirmation>(Assert.Single((await Commands.HandleAsync(Dana, Room, "confirm S1", null, Key(), default)).Replies)).Text, StringComparison.Ordinal);
        Assert.EndsWith("It quotes no answer: the summary cited none that may be shown.",
            Assert.IsType<Confirmation>(Assert.Single((await Commands.HandleAsync(Dana, Room, "confirm S2", null, Key(), default)).Replies)).Text, StringComparison.Ordinal);

        var confirmed = (await Store.ListConcernsAsync(Ws, d.Id, default)).Where(c => c.Origin == ConcernOrigin.ConfirmedSuggestion).OrderBy(c => c.Number).ToList();
        var (aside, unclear) = (confirmed[0], confirmed[1]);
        Assert.Equal(["user:U-DANA"], aside.Raisers); // Ana is quoted, not asked to accept the owners' response
        Assert.Equal(
            [("People cannot set the score aside or appeal it.", true, false, "Dana"), ("No", false, true, "Ana")],
            aside.Voices.Select(v => (v.Text, v.Suggested, v.Cited, v.Name)));
        Assert.Equal([true], unclear.Voices.Select(v => v.Suggested)); // A1 answered a question of another section

        var toMaria = await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns o && o.Concerns.Any(c => c.Id == aside.Id) && s.Message.Destination.User?.Id == "U-MARIA");
        var text = PlainTextRenderer.Render(toMaria.Message.Message);
        Assert.Contains("\"People cannot set the score aside or appeal it.\" — suggested by the AI summary, confirmed by Dana", text, StringComparison.Ordinal);
        Assert.Contains("\"No\" — Frontline worker (Ana), an answer the summary cited", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Community member", text, StringComparison.Ordinal);

        // The record page says the same.
        await Commands.HandleAsync(Dana, Room, "report", null, Key(), default);
        var report = (Core.Reports.ReportLink)(await Factory.Channel.WaitForAsync(s => s.Message.Message is Core.Reports.ReportLink && s.Message.Destination.User?.Id == "U-DANA")).Message.Message;
        var page = WebUtility.HtmlDecode(await Http.GetStringAsync(report.Page.PathAndQuery));
        Assert.Contains("<blockquote>People cannot set the score aside or appeal it. <small>— suggested by the AI summary, confirmed by Dana</small></blockquote>", page, StringComparison.Ordinal);
        Assert.Contains("<blockquote>No <small>— Ana (Frontline worker), an answer the summary cited", page, StringComparison.Ordinal);

    }

    [Fact]
    public async Task No_message_record_or_row_anywhere_carries_an_anonymous_participants_identity()
    {
        var d = await ClosedDeliberationAsync(anaSaysNoOverride: true);
        var appeal = (await Store.ListConcernsAsync(Ws, d.Id, default)).Single(c => c.QuestionId == "can-appeal");
        await Concerns.ActAsync(Maria, appeal.Id, ConcernAction.MarkAddressed, "A hearing is offered.", Key(), default);
        await Concerns.ActAsync(Sam, appeal.Id, ConcernAction.Reopen, null, Key(), default);
        await Factory.Channel.WaitForAsync(s => s.Message.Message is OwnerConcerns o && o.Concerns.Count == 1 && o.Concerns[0].Id == appeal.Id && o.Concerns[0].Status == ConcernStatus.Open);
        var link = Assert.IsType<ExportLink>((await Commands.HandleAsync(Dana, Room, "export", null, Key(), default)).Replies.Single());

        var everything = new List<string>
        {
            await Http.GetStringAsync(link.Json.PathAndQuery),
            await Http.GetStringAsync(link.Markdown.PathAndQuery),
        };
        everything.AddRange(Factory.Channel.Sent.Select(m => JsonSerializer.Serialize<OutgoingMessage>(m.Message.Message) + JsonSerializer.Serialize(m.Message.Destination)));
        everything.AddRange(Factory.Channel.Sent.Select(m => PlainTextRenderer.Render(m.Message.Message)));
        everything.AddRange((await DatabaseDump.SqliteAsync(Factory.DatabasePath)).Select(v => $"{v.Table}: {v.Value}"));
        Assert.All(everything, text =>
        {
            Assert.DoesNotContain("U-SAM", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sam Secret", text, StringComparison.Ordinal);
        });
    }
}
