using System.ComponentModel.DataAnnotations;
using DeliberationBot.Core.Settings;

namespace DeliberationBot.Summaries;

public static class SummaryProviders
{
    public const string Offline = "Offline";
    public const string AzureOpenAI = "AzureOpenAI";
}

/// <summary>The Summaries section of configuration.</summary>
public sealed class SummariesOptions
{
    public const string Section = "Summaries";

    /// <summary><see cref="SummaryProviders.Offline"/> (the default, no network) or <see cref="SummaryProviders.AzureOpenAI"/>.</summary>
    [OneOf("Summaries:Provider", SummaryProviders.Offline, SummaryProviders.AzureOpenAI, AllowBlank = true)]
    public string Provider { get; set; } = SummaryProviders.Offline;

    /// <summary>Distinct participants a stakeholder group needs before its anonymous answers are shown.</summary>
    [Range(1, 100, ErrorMessage = "Summaries:MinGroupSize must be between 1 and 100; 3 is the usual choice.")]
    public int MinGroupSize { get; set; } = 3;

    /// <summary>How long one model call may take before it is abandoned and retried.</summary>
    [Range(0d, 600d, MinimumIsExclusive = true, ErrorMessage = "Summaries:TimeoutSeconds must be more than 0 and at most 600.")]
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Calls per section (first try included) before the offline summary is used.</summary>
    [Range(1, 10, ErrorMessage = "Summaries:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The most tokens one section request may hold; larger sections are split into parts.</summary>
    [Range(500, 200_000, ErrorMessage = "Summaries:SectionTokenBudget must be between 500 and 200000 tokens.")]
    public int SectionTokenBudget { get; set; } = 6000;

    /// <summary>Pause before retrying after a timeout-free transient failure (HTTP 5xx, a dropped connection); doubles each time.</summary>
    [Range(0d, 60d, ErrorMessage = "Summaries:RetryDelaySeconds must be between 0 and 60.")]
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>A 429's Retry-After is honoured up to this long; a longer wait gives up and uses the offline summary.</summary>
    [Range(0d, 600d, ErrorMessage = "Summaries:MaxRetryAfterSeconds must be between 0 and 600.")]
    public double MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>Folder of the prompt files. Relative paths are tried from the working directory, then beside the app.</summary>
    public string PromptsDirectory { get; set; } = "prompts/summaries";

    internal TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
}

/// <summary>The AzureOpenAI section; required when Summaries:Provider is AzureOpenAI.</summary>
public sealed class AzureOpenAIOptions
{
    public const string Section = "AzureOpenAI";

    /// <summary>The resource endpoint, e.g. https://my-resource.openai.azure.com/.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The name of the chat model deployment.</summary>
    public string? Deployment { get; set; }

    /// <summary>Optional. Without it the service signs in with managed identity (or another Azure.Identity credential).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Optional client id of a user-assigned managed identity; without it DefaultAzureCredential is used.</summary>
    public string? ManagedIdentityClientId { get; set; }
}
