using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Tests.Commands;

public class CommandParserTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private static readonly Dictionary<string, UserRef> Mentions = new()
    {
        ["maria"] = new UserRef("U123", "maria"),
        ["@li"] = new UserRef("U456", "li"),
    };

    private static StartCommand Start(string text, IReadOnlyDictionary<string, UserRef>? mentions = null)
    {
        var (command, error) = CommandParser.Parse(text, mentions ?? Mentions, Today);
        Assert.Null(error);
        return Assert.IsType<StartCommand>(command);
    }

    private static ErrorMessage Error(string text, IReadOnlyDictionary<string, UserRef>? mentions = null)
    {
        var (command, error) = CommandParser.Parse(text, mentions ?? Mentions, Today);
        Assert.Null(command);
        return Assert.IsType<ErrorMessage>(error);
    }

    [Fact]
    public void Start_with_a_quoted_title()
    {
        var start = Start("start ai-proposal \"Predictive screening for hotline calls\"");

        Assert.Equal("ai-proposal", start.FlowId);
        Assert.Equal("Predictive screening for hotline calls", start.Title);
        Assert.Empty(start.Owners);
        Assert.Null(start.Due);
        Assert.False(start.Anonymous);
    }

    [Fact]
    public void Start_with_curly_quotes()
    {
        Assert.Equal("Smart triage: phase 2", Start("start quick-check \u201CSmart triage: phase 2\u201D").Title);
    }

    [Fact]
    public void Unquoted_title_words_are_joined()
    {
        Assert.Equal("Smart triage", Start("start quick-check Smart triage").Title);
    }

    [Theory]
    [InlineData("start quick-check \"Smart triage\" owner:<@U123|maria> <@U789|lee>", "To make lee an owner too, write owner: before them as well, like owner:@maria owner:@lee.")]
    [InlineData("start quick-check \"Smart triage\" owner:@maria @li", "To make li an owner too, write owner: before them as well, like owner:@maria owner:@lee.")]
    public void Someone_mentioned_without_owner_is_refused_rather_than_added_to_the_title(string typed, string said)
    {
        Assert.Equal(said, Error(typed).Text);
    }

    [Fact]
    public void Flow_id_and_verb_are_case_insensitive()
    {
        var start = Start("START AI-Proposal \"X\"");

        Assert.Equal("ai-proposal", start.FlowId);
        Assert.Equal("X", start.Title);
    }

    [Fact]
    public void Owner_as_platform_mention_with_name()
    {
        var owner = Assert.Single(Start("start ai-proposal \"T\" owner:<@U123|maria>").Owners);

        Assert.Equal(new UserRef("U123", "maria"), owner);
    }

    [Fact]
    public void Owner_as_platform_mention_without_name()
    {
        var owner = Assert.Single(Start("start ai-proposal \"T\" owner:<@U999>").Owners);

        Assert.Equal(new UserRef("U999"), owner);
        Assert.Equal("U999", owner.Display);
    }

    [Theory]
    [InlineData("owner:@maria", "U123")]
    [InlineData("owner:maria", "U123")]
    [InlineData("owner:@MARIA", "U123")]
    [InlineData("owner:@li", "U456")]
    public void Plain_owner_resolved_through_mentions(string option, string expectedId)
    {
        var owner = Assert.Single(Start($"start ai-proposal \"T\" {option}").Owners);

        Assert.Equal(expectedId, owner.Id);
    }

    [Fact]
    public void Unresolved_plain_owner_gives_a_friendly_error_with_usage()
    {
        var error = Error("start ai-proposal \"T\" owner:@maria", new Dictionary<string, UserRef>());

        Assert.Equal("I couldn't tell who \"@maria\" is. Type @ and pick the person from the list, like owner:@maria.", error.Text);
        Assert.Equal(Usage.Start, error.Usage);
        Assert.Contains("@nobody", Error("start ai-proposal \"T\" owner:@nobody").Text, StringComparison.Ordinal);

        var (command, withoutMentions) = CommandParser.Parse("start ai-proposal \"T\" owner:@maria", null, Today);
        Assert.Null(command);
        Assert.Equal(error, withoutMentions);
    }

    [Fact]
    public void Several_owners_with_duplicates_removed()
    {
        var start = Start("start ai-proposal \"T\" owner:<@U1|ana>,<@U2> owners:@maria owner:<@U1|ana> owner:<@U123>");

        Assert.Equal(["U1", "U2", "U123"], start.Owners.Select(o => o.Id));
        Assert.Equal("ana", start.Owners[0].Name);
        Assert.Equal("maria", start.Owners[2].Name);
    }

    [Theory]
    [InlineData("due:2026-03-10", 2026, 3, 10)]
    [InlineData("due:2026-12-18", 2026, 12, 18)]
    [InlineData("DUE:2027-01-01", 2027, 1, 1)]
    public void Valid_due_date(string option, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), Start($"start ai-proposal \"T\" {option}").Due);
    }

    [Theory]
    [InlineData("due:2026-13-01", "2026-13-01")]
    [InlineData("due:18/12/2026", "18/12/2026")]
    [InlineData("due:tomorrow", "tomorrow")]
    [InlineData("due:", "")]
    public void Invalid_due_date_says_how_to_write_it(string option, string shown)
    {
        var error = Error($"start ai-proposal \"T\" {option}");

        Assert.Equal($"\"{shown}\" is not a date I understand. Write the deadline as due:YYYY-MM-DD, for example due:2026-03-24.", error.Text);
        Assert.Equal(Usage.Start, error.Usage);
    }

    [Fact]
    public void Due_date_in_the_past_is_refused()
    {
        var error = Error("start ai-proposal \"T\" due:2026-03-09");

        Assert.Equal("The deadline 2026-03-09 has already passed. Pick a date from today on.", error.Text);
        Assert.Equal(Usage.Start, error.Usage);
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("Anonymous")]
    public void Anonymous_flag(string flag)
    {
        var start = Start($"start ai-proposal {flag} \"T\" due:2026-04-01 owner:<@U1>");

        Assert.True(start.Anonymous);
        Assert.Equal("T", start.Title);
        Assert.Equal(new DateOnly(2026, 4, 1), start.Due);
        Assert.Single(start.Owners);
    }

    [Fact]
    public void Unknown_option_is_refused()
    {
        var error = Error("start ai-proposal \"T\" colour:red");

        Assert.Equal("I don't know the option \"colour:red\". Options are owner:@user, due:YYYY-MM-DD and anonymous.", error.Text);
        Assert.Equal(Usage.Start, error.Usage);
    }

    [Theory]
    [InlineData("start ai-proposal")]
    [InlineData("start ai-proposal \"\"")]
    [InlineData("start ai-proposal \"   \" owner:<@U1>")]
    [InlineData("start ai-proposal anonymous due:2026-04-01")]
    public void Missing_title(string text)
    {
        var error = Error(text);

        Assert.Equal("The proposal needs a title, in quotes.", error.Text);
        Assert.Equal(Usage.Start, error.Usage);
    }

    [Theory]
    [InlineData("start \"A title first\"")]
    [InlineData("start owner:@maria \"T\"")]
    public void Flow_must_come_first(string text)
    {
        Assert.StartsWith("Tell me which flow to use first", Error(text).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_title_is_refused()
    {
        Assert.Equal("Please keep the proposal title under 200 characters.", Error($"start ai-proposal \"{new string('t', 201)}\"").Text);
        Assert.Equal(200, Start($"start ai-proposal \"{new string('t', 200)}\"").Title.Length);
    }

    [Fact]
    public void An_unknown_word_says_where_every_command_is_and_a_word_for_starting_says_how_to_start()
    {
        var unknown = Error("frobnicate now");
        Assert.Equal("I don't know the command \"frobnicate\". Type \"help\" to see every command.", unknown.Text);
        Assert.Null(unknown.Usage);

        var launch = Error("launch ai-proposal \"T\"");
        Assert.Equal("I don't know the command \"launch\". To start a deliberation, type: " + Usage.Start + " (\"flows\" lists the flows).", launch.Text);
        Assert.Null(launch.Usage);
    }

    [Theory]
    [InlineData("stauts", "I don't know the command \"stauts\". Did you mean \"status\"?")]
    [InlineData("concrens", "I don't know the command \"concrens\". Did you mean \"concerns\"?")]
    [InlineData("Summary", "I don't know the command \"Summary\". The summary is posted in this conversation when the deliberation closes (\"close\"); \"report\" sends you your own page with the summary so far.")]
    [InlineData("join", "I don't know the command \"join\". To take part, press Answer on the deliberation's card in this conversation.")]
    [InlineData("zebra", "I don't know the command \"zebra\". Type \"help\" to see every command.")]
    public void An_unknown_word_says_what_the_person_may_have_meant(string typed, string said)
    {
        Assert.Equal(said, Error(typed).Text);
    }

    [Theory]
    [InlineData("start", true)]
    [InlineData("Status", true)]
    [InlineData("concern \"x\"", true)]
    [InlineData("?", true)]
    [InlineData("", true)]
    [InlineData("It ranks calls by risk", false)]
    [InlineData("no, nobody asked us", false)]
    [InlineData("stauts", true)]
    [InlineData("helpme", true)]
    [InlineData("Yes", false)]
    [InlineData("15", false)]
    [InlineData("Fairness", false)]
    [InlineData("start quick-check Intake screening", true)]
    [InlineData("new \"Intake screening\"", true)]
    [InlineData("decide go", true)]
    [InlineData("digest subscribe", true)]
    [InlineData("report revoke", true)]
    [InlineData("confirm S3", true)]
    [InlineData("merge #2 #5", true)]
    [InlineData("invite lang:es", true)]
    [InlineData("condition \"Audit\" owner:@maria due:2026-12-18", true)]
    [InlineData("concern Nobody asked the night shift", false)]
    [InlineData("Concern about the night shift: nobody asked", false)]
    [InlineData("Report: writing takes an hour", false)]
    [InlineData("Help screeners decide which calls to follow up", false)]
    [InlineData("Close monitoring is needed for the first year", false)]
    [InlineData("status quo is better", false)]
    [InlineData("Start with the families who call most", false)]
    [InlineData("New staff would need training", false)]
    [InlineData("End users were never asked", false)]
    [InlineData("Report writing takes an hour per case", false)]
    [InlineData("Confirm identity is hard on the phone", false)]
    [InlineData("Invite community members to weigh in", false)]
    [InlineData("Decision makers never see the line staff", false)]
    [InlineData("Merge the two teams first", false)]
    [InlineData("Concerns about privacy are high", false)]
    public void Typed_text_is_a_command_when_it_reads_as_one_and_prose_starting_with_a_commands_word_is_not(string text, bool command)
    {
        Assert.Equal(command, CommandParser.IsCommand(text, flow => flow == "quick-check"));
    }

    [Fact]
    public void Every_word_taken_as_a_command_is_one_the_parser_knows()
    {
        foreach (var verb in CommandParser.Verbs)
        {
            var (_, error) = CommandParser.Parse(verb, null, new DateOnly(2026, 3, 10));
            Assert.False(error?.Text.StartsWith("I don't know the command", StringComparison.Ordinal) ?? false, verb);
        }
    }

    [Fact]
    public void Several_words_that_are_no_command_say_they_were_not_recorded_and_where_answers_go()
    {
        var error = Error("It ranks calls by risk and nobody asked us");

        Assert.Equal(
            "I don't know the command \"It\", so this message was not recorded. If you meant it as an answer, press Answer on the deliberation's card and give it there; as a response to a concern, press Respond under the concern.",
            error.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("?")]
    [InlineData("help me please")]
    public void Empty_text_or_help_gives_help(string? text)
    {
        var (command, error) = CommandParser.Parse(text, null, Today);

        Assert.Null(error);
        Assert.IsType<HelpCommand>(command);
    }

    [Theory]
    [InlineData("start")]
    [InlineData("Start")]
    [InlineData("  new  ")]
    public void Start_alone_offers_the_form(string text)
    {
        var (command, error) = CommandParser.Parse(text, null, Today);

        Assert.Null(error);
        Assert.IsType<StartFormCommand>(command);
    }

    [Theory]
    [InlineData("status", typeof(StatusCommand))]
    [InlineData("STATUS", typeof(StatusCommand))]
    [InlineData("Progress", typeof(StatusCommand))]
    [InlineData("remind", typeof(RemindCommand))]
    [InlineData("close", typeof(CloseCommand))]
    [InlineData("End", typeof(CloseCommand))]
    [InlineData("concerns", typeof(ConcernsCommand))]
    [InlineData("Flows", typeof(FlowsCommand))]
    public void Verbs_without_arguments_are_case_insensitive(string text, Type expected)
    {
        var (command, error) = CommandParser.Parse(text, null, Today);

        Assert.Null(error);
        Assert.IsType(expected, command);
    }

    [Theory]
    [InlineData("status extra", "status")]
    [InlineData("remind everyone", "remind")]
    [InlineData("close now", "close")]
    [InlineData("concerns all", "concerns")]
    [InlineData("flows \"x\"", "flows")]
    public void Verbs_without_arguments_refuse_arguments(string text, string verb)
    {
        var error = Error(text);

        Assert.Equal($"\"{verb}\" takes no arguments.", error.Text);
        Assert.Equal(verb, error.Usage);
    }

    [Fact]
    public void A_mention_with_spaces_in_the_name_is_one_owner()
    {
        var (command, error) = CommandParser.Parse("start quick-check \"Hotline\" owner:<@29:abc|Maria Garcia> due:2099-01-01", null, new DateOnly(2026, 11, 2));

        Assert.Null(error);
        var start = Assert.IsType<StartCommand>(command);
        Assert.Equal([new UserRef("29:abc", "Maria Garcia")], start.Owners);
        Assert.Equal("Hotline", start.Title);
    }

    [Theory]
    [InlineData("concern \"Nobody asked the night shift\"", "Nobody asked the night shift")]
    [InlineData("concern Nobody asked the night shift", "Nobody asked the night shift")]
    [InlineData("concern \"The \"risk score\" is a black box to us\"", "The \"risk score\" is a black box to us")]
    [InlineData("concern \u201CThe \u201Crisk score\u201D is a black box\u201D", "The \u201Crisk score\u201D is a black box")]
    [InlineData("concern   \"Two  spaces and\na line break stay\"  ", "Two  spaces and\na line break stay")]
    [InlineData("concern \"Nobody asked them, \u00E7a ne va pas \u2705", "Nobody asked them, \u00E7a ne va pas \u2705")]
    [InlineData("concern Intake's \"quick check\" takes an hour", "Intake's \"quick check\" takes an hour")]
    public void A_concern_is_kept_as_typed_with_its_own_quotes_and_spacing(string text, string words)
    {
        var (command, error) = CommandParser.Parse(text, null, Today);

        Assert.Null(error);
        Assert.Equal(words, Assert.IsType<AddConcernCommand>(command).Text);
    }

    [Theory]
    [InlineData("concern")]
    [InlineData("concern \"\"")]
    [InlineData("concern \"  \"")]
    public void A_concern_with_no_words_says_what_to_type(string text) =>
        Assert.Equal(Usage.Concern, Error(text).Usage);

    [Fact]
    public void A_concern_as_long_as_an_answer_is_kept_and_a_longer_one_is_refused_saying_why()
    {
        var longest = string.Concat(Enumerable.Repeat("The night shift was never asked. ", 200))[..AnswerParser.MaxTextLength];
        Assert.Equal(longest, Assert.IsType<AddConcernCommand>(CommandParser.Parse($"concern \"{longest}\"", null, Today).Command).Text);

        var error = Error($"concern \"{longest}!\"");
        Assert.Equal("That concern is 4001 characters long; please keep it under 4000 (as an answer), or record it as two concerns. Nothing was recorded.", error.Text);
        Assert.Equal(Usage.Concern, error.Usage);
    }

    [Fact]
    public void A_decision_keeps_its_rationale_as_typed()
    {
        var (command, error) = CommandParser.Parse("decide conditions \"Only once the \"override\" button\nis in the form\"", null, Today);

        Assert.Null(error);
        var decide = Assert.IsType<DecideCommand>(command);
        Assert.Equal(DecisionOutcome.GoWithConditions, decide.Outcome);
        Assert.Equal("Only once the \"override\" button\nis in the form", decide.Rationale);
    }

    [Theory]
    [InlineData("start ai-proposal \"Replace the \"risk score\" with caseworker review\" owner:@maria due:2026-03-31", "Replace the \"risk score\" with caseworker review")]
    [InlineData("start ai-proposal owner:@maria \u201CThe \u201Cquick check\u201D tool\u201D anonymous", "The \u201Cquick check\u201D tool")]
    [InlineData("start ai-proposal \"Two  spaces: kept\"", "Two  spaces: kept")]
    [InlineData("start ai-proposal Hotline \"screening\" tool", "Hotline screening tool")]
    public void A_title_keeps_the_quotation_marks_and_spacing_inside_it_and_the_options_around_it(string text, string title)
    {
        var start = Start(text);

        Assert.Equal(title, start.Title);
        Assert.Equal("ai-proposal", start.FlowId);
    }

    [Fact]
    public void A_condition_keeps_its_text_as_typed_and_reads_its_owner_and_due_date()
    {
        var (command, error) = CommandParser.Parse("condition \"Keep the \"override\" button on every case\" owner:@li due:2026-04-01", Mentions, Today);

        Assert.Null(error);
        var condition = Assert.IsType<ConditionCommand>(command);
        Assert.Equal("Keep the \"override\" button on every case", condition.Text);
        Assert.Equal(new UserRef("U456", "li"), condition.Owner);
        Assert.Equal(new DateOnly(2026, 4, 1), condition.Due);
    }

    [Fact]
    public void A_person_mentioned_in_free_text_is_written_by_their_name_as_they_were_typed()
    {
        // Teams' adapter turns each mention into a one-word placeholder that stands for the person.
        var mentions = new Dictionary<string, UserRef> { ["Maria_Garcia"] = new("aad-maria", "Maria Garcia"), ["Sam"] = new("aad-sam") };

        var concern = Assert.IsType<AddConcernCommand>(CommandParser.Parse("concern \"I asked @Maria_Garcia and @someone; mail a@b.org\"", mentions, Today).Command);
        Assert.Equal("I asked @Maria Garcia and @someone; mail a@b.org", concern.Text);

        var start = Start("start ai-proposal \"Screening, as @maria_garcia proposed\" owner:@Maria_Garcia", mentions);
        Assert.Equal("Screening, as @Maria Garcia proposed", start.Title);
        Assert.Equal([new UserRef("aad-maria", "Maria Garcia")], start.Owners);

        var condition = Assert.IsType<ConditionCommand>(CommandParser.Parse("condition \"@Maria_Garcia reviews each case\" owner:@Maria_Garcia due:2026-04-01", mentions, Today).Command);
        Assert.Equal("@Maria Garcia reviews each case", condition.Text);

        var decide = Assert.IsType<DecideCommand>(CommandParser.Parse("decide go \"As @Maria_Garcia and @Sam said\"", mentions, Today).Command);
        Assert.Equal("As @Maria Garcia and @Sam said", decide.Rationale); // a person known by no name keeps the placeholder
    }
}
