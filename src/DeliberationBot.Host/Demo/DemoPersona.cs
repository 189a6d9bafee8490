using System.Globalization;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Stakeholders;

namespace DeliberationBot.Host.Demo;

/// <summary>A simulated participant: who they are, how they answer, and which answer they flag as a concern.</summary>
internal sealed record DemoPersona(
    UserRef User,
    StakeholderGroup Group,
    bool Anonymous,
    IReadOnlyDictionary<string, string> Answers,
    string? FlagsQuestion = null,
    int StopAfter = int.MaxValue)
{
    /// <summary>What this person types for a question: their scripted answer, else a plausible one for its kind.</summary>
    public string AnswerFor(QuestionPrompt q) =>
        Answers.TryGetValue(q.QuestionId, out var scripted) ? scripted : q.Kind switch
        {
            AnswerKind.YesNoUnsure => "unsure",
            AnswerKind.Scale => "3",
            AnswerKind.Number => "5",
            AnswerKind.SingleChoice or AnswerKind.MultipleChoice => "1",
            _ => $"Speaking as {Group.Label().ToLower(CultureInfo.InvariantCulture)}: we need to talk this through before deciding.",
        };

    public static IReadOnlyList<DemoPersona> QuickCheckCast() =>
    [
        new(new UserRef("U-ANA", "Ana (caseworker)"), StakeholderGroup.FrontlineWorker, Anonymous: true, new Dictionary<string, string>
        {
            ["purpose"] = "Rank incoming hotline calls so screeners look at the riskiest first.",
            ["who-affected"] = "1, 4",
            ["added-minutes-per-case"] = "20 minutes",
            ["can-override"] = "unsure",
            ["vendor-transparency"] = "2",
            ["can-appeal"] = "no",
            ["appeal-what-would-change"] = "Families should be told a score was used and be able to see and contest it.",
            ["communities-asked"] = "no",
            ["overall-readiness"] = "2",
            ["readiness-what-would-change"] = "A pilot with the data entry time measured, and a way to override without a form.",
        }, FlagsQuestion: "added-minutes-per-case"),
        new(new UserRef("U-DANA", "Dana (director)"), StakeholderGroup.AgencyLeader, Anonymous: false, new Dictionary<string, string>
        {
            ["purpose"] = "Help screeners prioritise calls when the queue is long.",
            ["who-affected"] = "1",
            ["added-minutes-per-case"] = "2",
            ["can-override"] = "yes",
            ["vendor-transparency"] = "4",
            ["can-appeal"] = "yes",
            ["communities-asked"] = "unsure",
            ["overall-readiness"] = "4",
        }),
        new(new UserRef("U-LEE", "Lee (counsel)"), StakeholderGroup.LegalPolicy, Anonymous: false, new Dictionary<string, string>
        {
            ["purpose"] = "A risk score attached to each call record.",
            ["who-affected"] = "1",
            ["can-override"] = "yes",
            ["vendor-transparency"] = "2",
            ["can-appeal"] = "unsure",
            ["appeal-what-would-change"] = "Scores kept in the case file could be requested in court; we need a retention rule.",
            ["communities-asked"] = "no",
            ["overall-readiness"] = "3",
            ["readiness-what-would-change"] = "A written policy on who may see a score and for how long it is kept.",
        }, FlagsQuestion: "purpose"),
        new(new UserRef("U-SAM", "Sam (parent advocate)"), StakeholderGroup.Community, Anonymous: true, new Dictionary<string, string>
        {
            ["purpose"] = "To decide which families get a visit.",
            ["who-affected"] = "1, 3",
        }, StopAfter: 2),
    ];
}
