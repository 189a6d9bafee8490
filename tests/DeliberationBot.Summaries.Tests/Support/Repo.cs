using DeliberationBot.Core.Flows;

namespace DeliberationBot.Summaries.Tests.Support;

/// <summary>What the summaries' tests read from the checkout: the summary prompts and the shipped flows.</summary>
internal static class Repo
{
    public static string SummaryPrompts => Repository.SummaryPrompts;

    public static FlowDefinition AiProposal => Repository.Flows.Find("ai-proposal")!;

    public static FlowDefinition QuickCheck => Repository.Flows.Find("quick-check")!;
}
