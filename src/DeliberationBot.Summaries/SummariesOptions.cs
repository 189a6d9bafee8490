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
    public string Provider { get; set; } = SummaryProviders.Offline;

    /// <summary>Distinct participants a stakeholder group needs before its anonymous answers are shown.</summary>
    public int MinGroupSize { get; set; } = 3;

    /// <summary>How long one model call may take before it is abandoned and retried.</summary>
    public double TimeoutSeconds { get; set; } = 60;

    /// <summary>Calls per section (first try included) before the offline summary is used.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The most tokens one section request may hold; larger sections are split into parts.</summary>
    public int SectionTokenBudget { get; set; } = 6000;

    /// <summary>Pause before retrying after a timeout-free transient failure (HTTP 5xx, a dropped connection); doubles each time.</summary>
    public double RetryDelaySeconds { get; set; } = 1;

    /// <summary>A 429's Retry-After is honoured up to this long; a longer wait gives up and uses the offline summary.</summary>
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
