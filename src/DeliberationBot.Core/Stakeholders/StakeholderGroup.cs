namespace DeliberationBot.Core.Stakeholders;

/// <summary>The fixed set of stakeholder groups a participant answers as.</summary>
public enum StakeholderGroup
{
    AgencyLeader,
    ResearchDevelopment,
    FrontlineLeader,
    FrontlineWorker,
    LegalPolicy,
    Community,
    Vendor,
    Other,
}

public sealed record StakeholderGroupInfo(StakeholderGroup Group, string Id, string Label, string Description);

public static class StakeholderGroups
{
    public static IReadOnlyList<StakeholderGroupInfo> All { get; } =
    [
        new(StakeholderGroup.AgencyLeader, "agency_leader", "Agency leader", "Directors and managers who decide whether the tool goes ahead."),
        new(StakeholderGroup.ResearchDevelopment, "research_development", "Research & development", "Data, analytics and AI staff who build, buy or evaluate the tool."),
        new(StakeholderGroup.FrontlineLeader, "frontline_leader", "Frontline leader", "Supervisors of the people who will use the tool day to day."),
        new(StakeholderGroup.FrontlineWorker, "frontline_worker", "Frontline worker", "Caseworkers, screeners, inspectors: the people who will use the tool."),
        new(StakeholderGroup.LegalPolicy, "legal_policy", "Legal & policy", "Counsel, compliance and policy staff."),
        new(StakeholderGroup.Community, "community", "Community member or advocate", "People whose outcomes are predicted, and those who speak for them."),
        new(StakeholderGroup.Vendor, "vendor", "Vendor", "The company or partner supplying the tool."),
        new(StakeholderGroup.Other, "other", "Other", "Anyone else with a stake in the decision."),
    ];

    public static StakeholderGroupInfo Info(this StakeholderGroup group) => All[(int)group];

    public static string Label(this StakeholderGroup group) => All[(int)group].Label;

    public static string Id(this StakeholderGroup group) => All[(int)group].Id;

    /// <summary>Accepts the id (<c>frontline_worker</c>), the label, or a loose spelling (<c>frontline-worker</c>).</summary>
    public static bool TryParse(string? text, out StakeholderGroup group)
    {
        group = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var wanted = Normalise(text);
        foreach (var info in All)
        {
            if (Normalise(info.Id) == wanted || Normalise(info.Label) == wanted)
            {
                group = info.Group;
                return true;
            }
        }

        return false;
    }

    private static string Normalise(string text) =>
        new(text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
