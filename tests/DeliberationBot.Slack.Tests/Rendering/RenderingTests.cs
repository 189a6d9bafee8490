using System.Text.Json;
using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;
using DeliberationBot.Slack.Rendering;
using DeliberationBot.Slack.Tests.Infrastructure;

namespace DeliberationBot.Slack.Tests.Rendering;

public sealed class RenderingTests
{
    private const string Injection = "<!channel> <@U123> <https://evil.example|click> <!here|here> <#C1|general> & fish";

    private static IEnumerable<JsonObject> Everything(string text, int many = 3)
    {
        foreach (var message in Samples.All(text, many))
        {
            var rendered = MessageRenderer.Render(message).ToPayload();
            SlackLimitsAssert.Message(rendered);
            yield return rendered;
            var modal = ModalRenderer.Render(message, "C0TEST");
            SlackLimitsAssert.Modal(modal);
            yield return modal;
        }
    }

    private static string Strings(JsonNode node) => string.Join("\n", RecordedCall.StringsOf(JsonDocument.Parse(node.ToJsonString()).RootElement));

    [Fact]
    public void Every_message_renders_as_a_message_and_as_a_modal_within_Slack_limits() =>
        Assert.Equal(2 * Samples.All("Predictive screening").Count(), Everything("Predictive screening").Count());

    [Fact]
    public void Mention_and_link_injection_is_rendered_inert_everywhere()
    {
        foreach (var rendered in Everything(Injection))
        {
            var strings = Strings(rendered);
            Assert.DoesNotContain("<!channel>", strings, StringComparison.Ordinal);
            Assert.DoesNotContain("<!here", strings, StringComparison.Ordinal);
            Assert.DoesNotContain("<@U123>", strings, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", strings, StringComparison.Ordinal);
            Assert.DoesNotContain("<#C1", strings, StringComparison.Ordinal);
        }

        var card = MessageRenderer.Render(Samples.Card(Injection, Core.Deliberations.DeliberationStatus.Open, new ProgressSummary(0, 0, [])));
        Assert.Contains("&lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt;", Strings(card.Blocks), StringComparison.Ordinal);
        Assert.Contains("&amp; fish", card.Text, StringComparison.Ordinal);
        Assert.Contains("<@U0MARIA>", Strings(card.Blocks), StringComparison.Ordinal);
        Assert.Contains("@&lt;!channel&gt;", Strings(card.Blocks), StringComparison.Ordinal);
    }

    [Fact]
    public void When_a_link_stops_working_is_shown_in_each_readers_own_time_zone_and_in_UTC_where_Slack_cannot()
    {
        var expires = new DateTimeOffset(2026, 12, 8, 9, 30, 0, TimeSpan.Zero);
        var page = new Uri("https://bot.example/d/x");
        var local = $"<!date^{expires.ToUnixTimeSeconds()}^{{date_short_pretty}} at {{time}}|2026-12-08 09:30 UTC>";

        Assert.Contains($"The link is yours alone and works until {local}; please don't forward it.",
            Strings(MessageRenderer.Render(new Core.Reports.ReportLink(Guid.NewGuid(), "P", page, expires)).Blocks), StringComparison.Ordinal);
        Assert.Contains($"The links work until {local}; anyone who has them can read the record until then.",
            Strings(MessageRenderer.Render(new ExportLink(Guid.NewGuid(), "P", page, page, expires)).Blocks), StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposals_description_is_shown_as_written_with_its_stars_and_tildes()
    {
        const string description = "Scores *every* call; ~10 minutes, not ~2, per_case.";
        var card = MessageRenderer.Render(Samples.Card("T", Core.Deliberations.DeliberationStatus.Open, new ProgressSummary(0, 0, [])) with { Description = description });
        var shown = Blocks.TextObjects(JsonDocument.Parse(card.ToPayload().ToJsonString()).RootElement).Single(o => o.Text.Contains("Scores", StringComparison.Ordinal));
        Assert.Equal(("plain_text", description), shown);
    }

    [Fact]
    public void A_decided_proposal_in_the_digest_says_so_above_the_concerns_it_left_unresolved()
    {
        var concern = new Core.Digests.DigestConcern(Guid.NewGuid(), "Parking", 1, "Permits favour car owners", [StakeholderGroup.Community], 5, ConcernStatus.Open);
        var proposal = new Core.Digests.DigestProposal(Guid.NewGuid(), "Parking", Core.Deliberations.DeliberationStatus.Closed, null, [concern], [])
        {
            Decided = new Core.Digests.DigestDecision(DecisionOutcome.GoWithConditions, new DateOnly(2026, 12, 4)),
        };
        var digest = new Core.Digests.WeeklyDigest("2026-W49", false, null, "UTC", [proposal], [], [], [concern], [], 7);
        var texts = Blocks.TextObjects(JsonDocument.Parse(MessageRenderer.Render(digest).ToPayload().ToJsonString()).RootElement).Select(t => t.Text).ToList();

        var title = texts.IndexOf("*Parking*");
        Assert.Equal("Decided 2026-12-04: Go with conditions, with the concerns below still unresolved.", texts[title + 1]);
        Assert.StartsWith("• #1 “Permits favour car owners”", texts[title + 2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_concern_the_facilitator_closed_without_its_raisers_is_not_read_as_resolved_in_the_digest()
    {
        var resolved = new Core.Digests.DigestConcern(Guid.NewGuid(), "Parking", 1, "Permits favour car owners", [StakeholderGroup.Community], 5, ConcernStatus.Resolved)
        {
            Standing = new Core.Digests.DigestStanding("Permits are free for carers.", [], 1, 1),
        };
        var closed = new Core.Digests.DigestConcern(Guid.NewGuid(), "Parking", 2, "Night workers cannot park near the clinic", [StakeholderGroup.FrontlineWorker], 5, ConcernStatus.ClosedByFacilitator)
        {
            Standing = new Core.Digests.DigestStanding("Out of scope.", [], 0, 1),
        };
        var digest = new Core.Digests.WeeklyDigest("2026-W49", false, null, "UTC", [], [], [resolved, closed], [], [], 7);
        var texts = Blocks.TextObjects(JsonDocument.Parse(MessageRenderer.Render(digest).ToPayload().ToJsonString()).RootElement).Select(t => t.Text).ToList();

        Assert.Contains(texts, t => t.EndsWith("· 0 new, 1 resolved and 1 closed by the facilitator since the last digest", StringComparison.Ordinal));
        Assert.Contains("*Closed since the last digest*", texts);
        var list = Assert.Single(texts, t => t.Contains("Parking #2", StringComparison.Ordinal));
        Assert.Contains("• Parking #1: “Permits favour car owners” — resolved\n      ↳ The person who raised it accepted the response: “Permits are free for carers.”", list, StringComparison.Ordinal);
        Assert.Contains(
            "• Parking #2: “Night workers cannot park near the clinic” — closed by the facilitator\n      ↳ Closed by the facilitator without the person who raised it accepting: “Out of scope.”",
            list, StringComparison.Ordinal);
    }

    [Fact]
    public void Words_of_several_paragraphs_in_the_digest_stay_under_their_item_and_the_text_digest_too()
    {
        var open = new Core.Digests.DigestConcern(Guid.NewGuid(), "Parking", 3, "Permits favour car owners.\n\nCarers lose an hour a day.", [StakeholderGroup.Community], 5, ConcernStatus.WontAddress)
        {
            Standing = new Core.Digests.DigestStanding("Not this year.\nThe budget is set.", [], 0, 1),
        };
        var stale = open with { Number = 4, Status = ConcernStatus.Open, Standing = null };
        var proposal = new Core.Digests.DigestProposal(Guid.NewGuid(), "Parking", Core.Deliberations.DeliberationStatus.Open, null, [open], []);
        var digest = new Core.Digests.WeeklyDigest("2026-W49", false, null, "UTC", [proposal], [], [], [stale], [], 7);
        var texts = Blocks.TextObjects(JsonDocument.Parse(MessageRenderer.Render(digest).ToPayload().ToJsonString()).RootElement).Select(t => t.Text).ToList();

        Assert.Contains(texts, t => t.StartsWith("• #3 “Permits favour car owners.\n   \n   Carers lose an hour a day.” — Community member or advocate;", StringComparison.Ordinal)
            && t.Contains("\n      ↳ The owners will not address it: “Not this year.\n        The budget is set.”", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("• Parking #4: “Permits favour car owners.\n   \n   Carers lose an hour a day.” (", StringComparison.Ordinal));
        var plain = new System.Text.StringBuilder();
        Core.Digests.DigestText.Append(plain, digest);
        var text = plain.ToString().ReplaceLineEndings("\n");
        Assert.Contains("    #3 \"Permits favour car owners.\n      \n      Carers lose an hour a day.\" — Community member or advocate;", text, StringComparison.Ordinal);
        Assert.Contains("        The owners will not address it: \"Not this year.\n        The budget is set.\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_content_is_cut_with_a_marker_and_stays_within_every_limit()
    {
        var huge = string.Concat(Enumerable.Repeat("Long & <winding> text ", 800));
        var all = Everything(huge, many: 200).ToList();

        // The card's description is split into sections between words, none cut; what one message cannot hold is marked.
        var card = all[0];
        var description = card["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.GetValue<string>()).OfType<string>().Where(t => t.StartsWith("Long", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(description);
        Assert.All(description, d => Assert.InRange(d.Length, 2900, 3000));
        Assert.All(description, d => Assert.False(d.EndsWith('…') || d.EndsWith(' '), d[^20..]));
        Assert.Contains("more not shown here", Strings(card), StringComparison.Ordinal);
        Assert.Contains(all, r => Strings(r).Contains("more not shown here", StringComparison.Ordinal));
        var flows = MessageRenderer.Render(new FlowList([.. Enumerable.Range(1, 80).Select(i => new FlowInfo($"f{i}", $"Flow {i}", "d", 3))]));
        Assert.Equal(50, flows.Blocks.Count);
        Assert.Contains("32 more not shown", Strings(flows.Blocks[49]!), StringComparison.Ordinal);
    }

    [Fact]
    public void A_typed_answer_that_could_not_be_taken_shows_its_question_not_as_a_command_to_type()
    {
        var strings = Strings(MessageRenderer.Render(new ErrorMessage("Please answer with a number of 0 or more, for example 15.") { Question = "Minutes added per case?" }).ToPayload());

        Assert.Contains("Question: Minutes added per case?", strings, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage", strings, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decisions_rationale_and_every_voice_of_the_concern_an_owner_responds_to_are_shown_whole()
    {
        var title = LongText.Words("title", 200);
        var rationale = LongText.Words("the rationale", SlackLimits.PlainTextInputMax);
        var earlier = LongText.Words("the earlier rationale", SlackLimits.PlainTextInputMax);
        var at = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        var decision = new DecisionRecorded(Samples.Id, title, new Decision(DecisionOutcome.NoGo, rationale, new UserRef("U0DANA", "dana"), at), [])
        {
            Previous = new Decision(DecisionOutcome.Go, earlier, new UserRef("U0DANA", "dana"), at.AddDays(-7)),
        };
        var words = LongText.Words("the concern", AnswerParser.MaxTextLength);
        var more = LongText.Words("merged into it", AnswerParser.MaxTextLength);
        var concern = Samples.Concern(words, 7, ConcernStatus.Open, []) with
        {
            Voices = [new("user:U0ANN", StakeholderGroup.FrontlineWorker, "ann", words, "purpose"), new("anon:1", StakeholderGroup.Community, null, more, "purpose")],
        };

        var pages = MessageRenderer.RenderPages(decision).Select(p => p.ToPayload()).ToList();
        var form = ConcernModals.Text(ConcernAction.Respond, new WordsForm(concern, null));

        pages.ForEach(SlackLimitsAssert.Message);
        SlackLimitsAssert.Modal(form);
        var posted = LongText.Squash(string.Concat(pages.Select(LongText.Read)));
        Assert.All(new[] { title, rationale, earlier }, w => Assert.Contains(LongText.Squash(w), posted, StringComparison.Ordinal));
        Assert.All(new[] { words, more }, w => Assert.Contains(LongText.Squash(w), LongText.Squash(LongText.Read(form)), StringComparison.Ordinal));
    }

    [Fact]
    public void The_Answer_button_survives_cutting_a_long_message()
    {
        var rendered = MessageRenderer.Render(new ReminderNotice(Samples.Id, new string('x', 10_000), 2, null));
        var last = rendered.Blocks[^1]!.AsObject();
        Assert.Equal("actions", last["type"]!.GetValue<string>());
        Assert.Equal(Samples.Id.ToString(), last["elements"]![0]!["value"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(Core.Deliberations.AnonymityPolicy.Named, true)]
    [InlineData(Core.Deliberations.AnonymityPolicy.AnonymousAllowed, true)]
    [InlineData(Core.Deliberations.AnonymityPolicy.AnonymousOnly, false)]
    public void The_card_invites_thread_replies_only_where_answers_may_be_named(Core.Deliberations.AnonymityPolicy anonymity, bool invites)
    {
        var card = Samples.Card("Hotline triage", Core.Deliberations.DeliberationStatus.Open, new ProgressSummary(0, 0, [])) with { Anonymity = anonymity };

        var text = Blocks.Text(JsonDocument.Parse(MessageRenderer.Render(card).ToPayload().ToJsonString()).RootElement);

        Assert.Equal(invites, text.Contains("reply in this thread", StringComparison.Ordinal));
        Assert.Equal(!invites, text.Contains("Answers are private and anonymous", StringComparison.Ordinal));
    }

    [Fact]
    public void Concern_messages_carry_one_button_per_action_the_reader_may_take_and_say_who_may_act()
    {
        var owner = MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [Samples.Concern("Overrides", 1, ConcernStatus.Open, Samples.OwnerActions),
            Samples.Concern("Appeals", 2, ConcernStatus.Acknowledged, [ConcernAction.Respond])])).ToPayload();
        var buttons = Blocks.Buttons(Json(owner));
        Assert.Equal(["concern_acknowledge", "concern_respond", "concern_mark_addressed", "concern_wont_address", "concern_respond"], buttons.Select(b => b.ActionId));
        Assert.Equal([1, 1, 1, 1, 2], buttons.Select(b => Guid.Parse(b.Value).ToByteArray()[0]));
        Assert.Equal(2, buttons.Select(b => b.BlockId).Distinct().Count());

        var inChannel = Strings(MessageRenderer.Render(new ConcernResponseNotice(Samples.Id, "T", Samples.Concern("x", 1, ConcernStatus.Addressed, [ConcernAction.Accept, ConcernAction.Reopen]), true)).Blocks);
        Assert.Contains("Only the people who raised it can accept", inChannel, StringComparison.Ordinal);
        var direct = MessageRenderer.Render(new ConcernResponseNotice(Samples.Id, "T", Samples.Concern("x", 1, ConcernStatus.Addressed, [ConcernAction.Accept, ConcernAction.Reopen]), false)).ToPayload();
        Assert.Equal(["concern_accept", "concern_reopen"], Blocks.Buttons(Json(direct)).Select(b => b.ActionId));
        Assert.DoesNotContain("Only the people", Strings(direct), StringComparison.Ordinal);

        var request = MessageRenderer.Render(new DecisionRequest(Samples.Id, "T", 1)).ToPayload();
        Assert.Equal([new Button("deliberation_actions", "decision_open", Samples.Id.ToString("N"))], Blocks.Buttons(Json(request)));
    }

    [Fact]
    public void A_concern_sent_to_its_owner_again_says_what_is_new_and_marks_those_words()
    {
        var concern = Samples.Concern("Overrides <b>", 1, ConcernStatus.Open, Samples.OwnerActions) with { Changes = [new VoiceChange("user:U1", "q", Edited: false)] };
        var text = Strings(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [concern])).ToPayload());

        Assert.Contains("Since you were last sent this concern, 1 person added their words (marked new).", text, StringComparison.Ordinal);
        Assert.Contains($"— {ConcernView.Attribution(concern.Voices[1])} · new", text, StringComparison.Ordinal);
        Assert.Single(Strings(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [concern])).Blocks).Split(" · new")[..^1]);
        Assert.DoesNotContain("Since you were last sent", Strings(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [concern with { Changes = [] }])).ToPayload()), StringComparison.Ordinal);
    }

    [Fact]
    public void An_owners_message_says_nothing_needs_their_response_once_every_concern_waits_on_its_raisers()
    {
        var waiting = Samples.Concern("Overrides", 1, ConcernStatus.Addressed, [ConcernAction.Respond]);
        var open = Samples.Concern("Appeals", 2, ConcernStatus.Open, Samples.OwnerActions);

        Assert.Contains("nothing here needs your response now", Strings(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [waiting])).ToPayload()), StringComparison.Ordinal);
        Assert.Contains("for you to act on", Strings(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [waiting, open])).ToPayload()), StringComparison.Ordinal);
        // The notification, which reads the message's top-level text, says the same.
        Assert.StartsWith("Concerns on \"T\": nothing here needs your response now.", MessageRenderer.Fallback(new OwnerConcerns(Samples.Id, "T", [waiting])), StringComparison.Ordinal);
        Assert.StartsWith("Concerns on \"T\" for you to act on:", MessageRenderer.Fallback(new OwnerConcerns(Samples.Id, "T", [waiting, open])), StringComparison.Ordinal);

        // The facilitator, sent concerns only to close them without their raisers, reads why.
        var toClose = new OwnerConcerns(Samples.Id, "T", [open with { Actions = [ConcernAction.CloseWithoutRaisers] }]);
        Assert.Contains(
            "Concerns on *T*: the owners answer these; as the facilitator, you can close one without waiting for the people who raised it, saying why.",
            Strings(MessageRenderer.Render(toClose).ToPayload()), StringComparison.Ordinal);
        Assert.Contains("Close without raisers", Strings(MessageRenderer.Render(toClose).ToPayload()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_reaches_its_owner_as_a_condition_to_meet_read_by_the_person_who_set_it()
    {
        var condition = Samples.Concern("Log every override", 3, ConcernStatus.Open, Samples.OwnerActions) with { Kind = ConcernKind.Condition, Owner = new UserRef("U0MARIA", "maria") };
        var concern = Samples.Concern("Appeals", 2, ConcernStatus.Open, Samples.OwnerActions);

        var alone = Strings(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [condition])).ToPayload());
        Assert.Contains("Conditions for you: T", alone, StringComparison.Ordinal);
        Assert.Contains("Conditions on *T* for you to act on. The person who set each condition will see your response.", alone, StringComparison.Ordinal);
        Assert.Contains("Mark met", alone, StringComparison.Ordinal);
        Assert.Contains("Won't be met", alone, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark addressed", alone, StringComparison.Ordinal);
        var both = Strings(MessageRenderer.Render(new OwnerConcerns(Samples.Id, "T", [concern, condition])).ToPayload());
        Assert.Contains("Concerns and conditions for you: T", both, StringComparison.Ordinal);
        Assert.Contains("The people who raised or set each one will see your response.", both, StringComparison.Ordinal);
        Assert.Contains("Mark addressed", both, StringComparison.Ordinal);

        // The deliberation's list counts them apart: a condition is not words someone raised.
        Assert.Contains("1 concern, each in the words of the people who raised it, and 1 condition of the decision:", Strings(MessageRenderer.Render(new ConcernList(Samples.Id, "T", [concern, condition])).ToPayload()), StringComparison.Ordinal);
        Assert.Contains("1 condition of the decision:", Strings(MessageRenderer.Render(new ConcernList(Samples.Id, "T", [condition])).ToPayload()), StringComparison.Ordinal);
        Assert.Contains("No concerns raised yet.", Strings(MessageRenderer.Render(new ConcernList(Samples.Id, "T", [])).ToPayload()), StringComparison.Ordinal);

        // The form for the words says who reads them.
        var form = Strings(ConcernModals.Text(ConcernAction.MarkAddressed, new WordsForm(condition, null)));
        Assert.Contains("Mark met", form, StringComparison.Ordinal);
        Assert.Contains("How it is met", form, StringComparison.Ordinal);
        Assert.Contains("The person who set it will see this and can accept it or reopen the condition.", form, StringComparison.Ordinal);
        Assert.Contains("The people who raised it will see this and can accept it or reopen the concern.", Strings(ConcernModals.Text(ConcernAction.MarkAddressed, new WordsForm(concern, null))), StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_of_a_closed_deliberation_says_its_decision_in_the_facilitators_words_or_that_it_awaits_one()
    {
        var progress = new ProgressSummary(1, 1, []);
        var closed = new StatusReport(Samples.Id, "Screening", Core.Deliberations.DeliberationStatus.Closed, null, progress, [], 2, 1);
        var condition = Samples.Concern("Log every override", 3, ConcernStatus.Resolved, []) with { Kind = ConcernKind.Condition, Owner = new UserRef("U0MARIA", "maria"), OwnersAnswer = OwnersAnswer.WontAddress };

        Assert.Contains(StatusReport.AwaitingDecision, Strings(MessageRenderer.Render(closed).ToPayload()), StringComparison.Ordinal);
        var decided = Strings(MessageRenderer.Render(closed with
        {
            Decision = new Decision(DecisionOutcome.GoWithConditions, "Pilot in one office <first>.", new UserRef("U0DANA", "Dana"), new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero)),
            Conditions = [condition],
        }).ToPayload());
        Assert.Contains("*Decision (2026-12-07, Dana): Go with conditions*", decided, StringComparison.Ordinal);
        Assert.Contains("Pilot in one office <first>.", decided, StringComparison.Ordinal); // shown as written, in plain text
        Assert.Contains("Condition #3", decided, StringComparison.Ordinal);
        Assert.Contains("Status: resolved (won't be met)", decided, StringComparison.Ordinal);
        Assert.DoesNotContain(StatusReport.AwaitingDecision, decided, StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_whose_concern_is_still_unresolved_is_sent_the_decision_with_it_in_their_words()
    {
        var decision = new DecisionRecorded(Samples.Id, "Screening", new Decision(DecisionOutcome.Go, "Pilot in one office.", new UserRef("U0DANA", "dana"), DateTimeOffset.UnixEpoch), [])
        {
            Unresolved = [2, 5],
        };
        var concern = Samples.Concern("Appeals take months", 2, ConcernStatus.Open, []) with { Raisers = 1, Voices = [new ConcernVoice("user:U0ANA", StakeholderGroup.FrontlineWorker, "ana", "Appeals take months", "q")] };

        var toAna = Strings(MessageRenderer.Render(decision with { Yours = [concern] }).ToPayload());
        Assert.Contains("The decision on *Screening* was recorded with the concern you raised, #2, still unresolved.", toAna, StringComparison.Ordinal);
        Assert.Contains("Pilot in one office.", toAna, StringComparison.Ordinal);
        Assert.Contains("*Your concern, still unresolved:*", toAna, StringComparison.Ordinal);
        Assert.Contains("Appeals take months", toAna, StringComparison.Ordinal);
        Assert.Contains("The decision does not settle it: the owners still answer for it, and it stays open until you accept their response.", toAna, StringComparison.Ordinal);
        // Its notification says why it was sent to them.
        Assert.StartsWith("The decision on \"Screening\" was recorded with the concern you raised", MessageRenderer.Render(decision with { Yours = [concern] }).Text, StringComparison.Ordinal);

        var inConversation = Strings(MessageRenderer.Render(decision).ToPayload());
        Assert.DoesNotContain("you raised", inConversation, StringComparison.Ordinal);
        Assert.DoesNotContain("Appeals take months", inConversation, StringComparison.Ordinal);
        Assert.Contains("Decided with 2 concerns unresolved (#2, #5); the owners still respond to each.", inConversation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_answers_review_has_a_Change_button_per_answer_as_a_message_and_as_a_modal()
    {
        var review = new AnswersReview(Samples.Id, "T", "Thanks", [new("purpose", "Why?", "To triage"), new("who-affected", "Who?", "Children")]);
        string[] expected = [$"{Samples.Id:N}|purpose", $"{Samples.Id:N}|who-affected"];

        Assert.Equal(expected, Blocks.Buttons(Json(MessageRenderer.Render(review).ToPayload())).Select(b => b.Value));
        var modal = ModalRenderer.Render(review);
        Assert.Equal(expected, Blocks.Buttons(modal).Select(b => b.Value));
        Assert.Null(modal["submit"]);
    }

    [Fact]
    public void The_answers_review_says_under_an_answer_that_it_was_flagged_as_a_concern()
    {
        var review = new AnswersReview(Samples.Id, "T", "Thanks", [new("purpose", "Why?", "To triage"), new("who-affected", "Who?", "Children") { Flagged = true }]);

        var blocks = ModalRenderer.Render(review)["blocks"]!.AsArray().Select(b => b!.ToJsonString()).ToList();

        var flagged = Assert.Single(blocks, b => b.Contains("Flagged as a concern", StringComparison.Ordinal));
        Assert.Contains("Who?\\nChildren", blocks[blocks.IndexOf(flagged) - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_review_of_fifty_answers_fits_one_form_with_each_answer_as_written()
    {
        var review = new AnswersReview(Samples.Id, "T", "Thanks", [.. Enumerable.Range(1, 50).Select(i => new AnsweredQuestion($"q{i}", $"Question {i}?", $"About ~{i} minutes, *not* less."))]);

        Assert.True(ModalRenderer.Fits(review));
        var texts = Blocks.TextObjects(JsonDocument.Parse(new JsonObject { ["blocks"] = ModalRenderer.Render(review)["blocks"]!.DeepClone() }.ToJsonString()).RootElement).ToList();
        Assert.Contains(("plain_text", "Question 7?\nAbout ~7 minutes, *not* less."), texts);
    }

    [Fact]
    public void Export_links_are_our_own_links_with_nothing_that_could_end_them_early()
    {
        var link = Strings(MessageRenderer.Render(Samples.All("T").OfType<ExportLink>().Single()).Blocks);
        Assert.Contains("<https://bot.example/api/deliberations/x/export?format=md&amp;token=a%7Cb|Markdown>", link, StringComparison.Ordinal);
        Assert.Contains("|2026-12-02 09:30 UTC>", link, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_link_is_our_own_link_with_nothing_that_could_end_it_early()
    {
        var link = Strings(MessageRenderer.Render(Samples.All("T").OfType<Core.Reports.ReportLink>().Single()).Blocks);
        Assert.Contains("<https://bot.example/d/x?token=a%7Cb|open it>", link, StringComparison.Ordinal);
        Assert.Contains("|2026-12-08 09:30 UTC>", link, StringComparison.Ordinal);
    }

    private static JsonElement Json(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;

    [Theory]
    [InlineData(AnswerKind.FreeText, 0, "plain_text_input")]
    [InlineData(AnswerKind.SingleChoice, 3, "radio_buttons")]
    [InlineData(AnswerKind.SingleChoice, 12, "static_select")]
    [InlineData(AnswerKind.MultipleChoice, 3, "checkboxes")]
    [InlineData(AnswerKind.MultipleChoice, 12, "multi_static_select")]
    [InlineData(AnswerKind.YesNoUnsure, 0, "radio_buttons")]
    [InlineData(AnswerKind.Scale, 0, "radio_buttons")]
    [InlineData(AnswerKind.Number, 0, "number_input")]
    public void A_question_modal_has_the_input_for_its_answer_kind_and_a_concern_checkbox(AnswerKind kind, int listed, string element)
    {
        var options = kind.HasListedOptions() ? [.. Enumerable.Range(1, listed).Select(i => new ChoiceOption($"o{i}", $"Option {i}"))] : AnswerKinds.ImpliedOptions(kind);
        var view = ModalRenderer.Render(Samples.Question("Is it fair?", kind, options));

        SlackLimitsAssert.Modal(view);
        var input = Modals.InputElement(view, "answer")!;
        Assert.Equal(element, input["type"]!.GetValue<string>());
        Assert.Equal(options.Select(o => o.Id), element is "plain_text_input" or "number_input" ? [] : Modals.OptionValues(input));
        var concern = Modals.InputElement(view, "concern")!;
        Assert.Equal("yes", concern["initial_options"]![0]!["value"]!.GetValue<string>());
        Assert.True(SlackIds.TryParseQuestionMetadata(view["private_metadata"]!.GetValue<string>(), out var id, out var parsedKind, out var question));
        Assert.Equal((Samples.Id, kind, "q1"), (id, parsedKind, question));
    }

    [Fact]
    public void A_choice_longer_than_Slack_shows_in_an_option_is_given_in_full_above_the_answer()
    {
        const string Long = "Yes, but only once the vendor has disclosed its training data and its error rates for each group we serve";
        var view = ModalRenderer.Render(Samples.Question("Go ahead?", AnswerKind.SingleChoice, [new("yes", Long), new("no", "No")]));

        SlackLimitsAssert.Modal(view);
        var texts = Blocks.TextObjects(JsonDocument.Parse(view.ToJsonString()).RootElement).ToList();
        Assert.Contains(("plain_text", "The choices in full:\n1. " + Long + "\n2. No"), texts);
        Assert.True(Modals.InputElement(view, "answer")!["options"]![0]!["text"]!["text"]!.GetValue<string>().Length <= SlackLimits.OptionText);

        var plain = ModalRenderer.Render(Samples.Question("Go ahead?", AnswerKind.SingleChoice, [new("yes", "Yes"), new("no", "No")]));
        Assert.DoesNotContain("The choices in full", plain.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_question_shown_again_carries_the_current_answer_so_it_can_be_edited()
    {
        var scale = ModalRenderer.Render(Samples.Question("How ready?", AnswerKind.Scale, AnswerKinds.ImpliedOptions(AnswerKind.Scale), AnswerValue.FromNumber(4)));
        Assert.Equal("4", Modals.InputElement(scale, "answer")!["initial_option"]!["value"]!.GetValue<string>());
        Assert.StartsWith("1 — ", Modals.InputElement(scale, "answer")!["options"]![0]!["text"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var many = ModalRenderer.Render(Samples.Question("Who?", AnswerKind.MultipleChoice, [new("a", "A"), new("b", "B"), new("c", "C")], AnswerValue.FromChoices("a", "c")));
        Assert.Equal(["a", "c"], Modals.InputElement(many, "answer")!["initial_options"]!.AsArray().Select(o => o!["value"]!.GetValue<string>()));

        var text = ModalRenderer.Render(Samples.Question("Why?", AnswerKind.FreeText, [], AnswerValue.FromText("Because <reasons>")));
        Assert.Equal("Because <reasons>", Modals.InputElement(text, "answer")!["initial_value"]!.GetValue<string>());

        // Named for what it is: a change, saved; not one more question left to answer.
        Assert.Equal(("Change your answer", "Save", "Cancel"), (text["title"]!["text"]!.GetValue<string>(), text["submit"]!["text"]!.GetValue<string>(), text["close"]!["text"]!.GetValue<string>()));
        Assert.Contains(Blocks.TextObjects(JsonDocument.Parse(text.ToJsonString()).RootElement), t => t.Item2.EndsWith(" · Changing an answer · 4 answered · 10 left", StringComparison.Ordinal));
        var asked = ModalRenderer.Render(Samples.Question("Why?", AnswerKind.FreeText, []));
        Assert.Equal(("11 questions left", "Save and next", "Stop for now"), (asked["title"]!["text"]!.GetValue<string>(), asked["submit"]!["text"]!.GetValue<string>(), asked["close"]!["text"]!.GetValue<string>()));
    }

    [Fact]
    public void A_number_given_with_words_in_a_thread_reply_has_them_in_the_box_for_words_and_words_too_long_for_it_above()
    {
        const string said = "15-20, but 45 for complex cases & <night> shifts";
        var view = ModalRenderer.Render(Samples.Question("How long?", AnswerKind.Number, [], AnswerValue.FromNumber(15, said)));

        SlackLimitsAssert.Modal(view);
        Assert.Equal("15", Modals.InputElement(view, "answer")!["initial_value"]!.GetValue<string>());
        Assert.Equal(said, Modals.InputElement(view, SlackIds.WordsBlock)!["initial_value"]!.GetValue<string>()); // plain text: not escaped
        Assert.DoesNotContain("Your reply said:", view.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(Modals.InputElement(ModalRenderer.Render(Samples.Question("How long?", AnswerKind.Number, [], AnswerValue.FromNumber(15))), SlackIds.WordsBlock)!["initial_value"]);
        Assert.Null(Modals.InputElement(ModalRenderer.Render(Samples.Question("Why?", AnswerKind.FreeText, [], AnswerValue.FromText(said))), SlackIds.WordsBlock));

        // Words longer than the box holds are shown above it instead, and kept while the number is.
        var longWords = string.Concat(Enumerable.Repeat("15, but more at night & on weekends. ", 90));
        var kept = ModalRenderer.Render(Samples.Question("How long?", AnswerKind.Number, [], AnswerValue.FromNumber(15, longWords)));
        SlackLimitsAssert.Modal(kept);
        var json = kept.ToJsonString();
        Assert.Contains("Your reply said:", json, StringComparison.Ordinal);
        Assert.Contains("Your words above stay with your answer while you keep it.", json, StringComparison.Ordinal);
        Assert.Null(Modals.InputElement(kept, SlackIds.WordsBlock));
    }

    [Fact]
    public void The_group_modal_offers_every_group_remembers_the_last_one_and_anonymity_when_allowed()
    {
        var view = ModalRenderer.Render(new GroupPrompt(Samples.Id, "T", Core.Deliberations.AnonymityPolicy.AnonymousAllowed, Core.Stakeholders.StakeholderGroup.Vendor));
        var select = Modals.InputElement(view, "group")!;
        Assert.Equal(8, Modals.OptionValues(select).Count);
        Assert.Equal("vendor", select["initial_option"]!["value"]!.GetValue<string>());
        Assert.NotNull(Modals.InputElement(view, "anonymous"));
        Assert.Equal(Samples.Id.ToString("D"), view["private_metadata"]!.GetValue<string>());

        var named = ModalRenderer.Render(new GroupPrompt(Samples.Id, "T", Core.Deliberations.AnonymityPolicy.Named, null));
        Assert.Null(Modals.InputElement(named, "anonymous"));
        Assert.Null(Modals.InputElement(named, "group")!["initial_option"]);
    }

    [Theory]
    [InlineData(Core.Deliberations.AnonymityPolicy.Named, false)]
    [InlineData(Core.Deliberations.AnonymityPolicy.AnonymousAllowed, true)]
    public void A_reply_waiting_in_the_group_prompt_is_said_to_be_the_answer_unless_the_person_answers_anonymously(Core.Deliberations.AnonymityPolicy anonymity, bool caveat)
    {
        var strings = Strings(MessageRenderer.Render(new GroupPrompt(Samples.Id, "T", anonymity, null) { Waiting = new WaitingReply("It ranks calls", "slack:msg:T:C:1.2") }).ToPayload());

        Assert.Contains("your reply in the thread will then be your answer", strings, StringComparison.Ordinal);
        Assert.Equal(caveat, strings.Contains("unless you answer anonymously: the thread shows your name", StringComparison.Ordinal));
        Assert.Contains($"\n{Samples.Id:D}|slack:msg:T:C:1.2\n", strings, StringComparison.Ordinal); // the button names the reply; its words stay with Core
    }

    [Fact]
    public void An_answer_button_sent_while_buttons_carried_the_words_still_reads_with_them()
    {
        Assert.True(SlackIds.TryParseAnswerValue($"{Samples.Id:D}|slack:msg:T:C:1.2|It ranks | calls", out var id, out var waiting));
        Assert.Equal((Samples.Id, WaitingReply.Carried("slack:msg:T:C:1.2", "It ranks | calls")), (id, waiting));
    }

    [Fact]
    public void The_start_form_has_flow_title_description_owners_deadline_and_anonymity()
    {
        var view = ModalRenderer.Render(new StartForm([new FlowInfo("quick-check", "Quick", "d", 11), new FlowInfo("ai-proposal", "Full", "d", 40)]), "C0HOME");

        Assert.Equal("C0HOME", view["private_metadata"]!.GetValue<string>());
        Assert.Equal(
            ["static_select", "plain_text_input", "plain_text_input", "multi_users_select", "datepicker", "radio_buttons"],
            new[] { "flow", "title", "description", "owners", "due", "anonymity" }.Select(b => Modals.InputElement(view, b)!["type"]!.GetValue<string>()));
        Assert.True(Modals.InputElement(view, "description")!["multiline"]!.GetValue<bool>());
    }

    [Fact]
    public void An_owners_message_names_its_concerns_in_a_block_id_that_stays_within_slacks_limit_and_a_modal_carries_the_message_along()
    {
        var listed = SlackIds.OwnerConcernsBlock([1, 2, 12]);
        Assert.Equal([1, 2, 12], Assert.IsType<ConcernMessageShown.ToOwner>(SlackIds.ShownOn(["b1", listed, "concern_x"])).Listed.Order());
        Assert.Null(SlackIds.ShownOn(["b1", null]));
        Assert.Null(SlackIds.OwnerConcernsBlock(Enumerable.Range(1, 120))); // too many for 255 characters: left out, never cut
        Assert.Equal(new ConcernMessageShown.ToRaisers(true), SlackIds.ShownOn([SlackIds.RaisersNoticeBlock(inConversation: true), "concern_x"]));
        Assert.Equal(new ConcernMessageShown.ToRaisers(false), SlackIds.ShownOn([SlackIds.RaisersNoticeBlock(inConversation: false)]));

        var concern = Guid.NewGuid();
        var metadata = SlackIds.ConcernMetadata(concern, ConcernAction.MarkAddressed,
            new Slack.Concerns.ConcernMessage("D0MARIA", "1700000000.000009", new ConcernMessageShown.ToOwner(new HashSet<int> { 3, 4 })));
        Assert.True(SlackIds.TryParseConcernMetadata(metadata, out var id, out var action, out var from));
        Assert.Equal((concern, ConcernAction.MarkAddressed, "D0MARIA", "1700000000.000009"), (id, action, from!.Channel, from.Ts));
        Assert.Equal([3, 4], Assert.IsType<ConcernMessageShown.ToOwner>(from.Shown).Listed.Order());
        Assert.True(SlackIds.TryParseConcernMetadata(SlackIds.ConcernMetadata(concern, ConcernAction.Respond), out _, out var plain, out var none));
        Assert.Equal((ConcernAction.Respond, null), (plain, none));
    }
}
