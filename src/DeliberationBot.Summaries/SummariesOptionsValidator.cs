using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries;

/// <summary>Fails start-up with messages that name the setting and say what to put in it.</summary>
internal sealed class SummariesOptionsValidator : IValidateOptions<SummariesOptions>
{
    public ValidateOptionsResult Validate(string? name, SummariesOptions options)
    {
        var errors = new List<string>();
        if (!SummariesServiceCollectionExtensions.TryParseProvider(options.Provider, out _))
        {
            errors.Add($"Summaries:Provider must be {SummaryProviders.Offline} or {SummaryProviders.AzureOpenAI} (it is '{options.Provider}').");
        }

        if (options.MinGroupSize is < 1 or > 100)
        {
            errors.Add($"Summaries:MinGroupSize must be between 1 and 100 (it is {options.MinGroupSize}); 3 is the usual choice.");
        }

        if (options.TimeoutSeconds is <= 0 or > 600)
        {
            errors.Add($"Summaries:TimeoutSeconds must be more than 0 and at most 600 (it is {options.TimeoutSeconds}).");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            errors.Add($"Summaries:MaxAttempts must be between 1 and 10 (it is {options.MaxAttempts}).");
        }

        if (options.SectionTokenBudget is < 500 or > 200_000)
        {
            errors.Add($"Summaries:SectionTokenBudget must be between 500 and 200000 tokens (it is {options.SectionTokenBudget}).");
        }

        if (options.RetryDelaySeconds is < 0 or > 60)
        {
            errors.Add($"Summaries:RetryDelaySeconds must be between 0 and 60 (it is {options.RetryDelaySeconds}).");
        }

        if (options.MaxRetryAfterSeconds is < 0 or > 600)
        {
            errors.Add($"Summaries:MaxRetryAfterSeconds must be between 0 and 600 (it is {options.MaxRetryAfterSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Checked only when Summaries:Provider is AzureOpenAI.</summary>
internal sealed class AzureOpenAIOptionsValidator : IValidateOptions<AzureOpenAIOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureOpenAIOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Endpoint))
        {
            errors.Add("AzureOpenAI:Endpoint is required when Summaries:Provider is AzureOpenAI: the resource's endpoint, " +
                "e.g. https://my-resource.openai.azure.com/ (Azure portal → the Azure OpenAI resource → Keys and Endpoint).");
        }
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
            || !(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback)))
        {
            errors.Add($"AzureOpenAI:Endpoint must be an absolute https URL such as https://my-resource.openai.azure.com/ " +
                $"(plain http only on this machine, for a local test server); it is '{options.Endpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Deployment))
        {
            errors.Add("AzureOpenAI:Deployment is required when Summaries:Provider is AzureOpenAI: the name of a chat model " +
                "deployment (Azure AI Foundry → Deployments), e.g. gpt-4o-mini.");
        }

        if (options.ApiKey is { } key && key.Length > 0 && string.IsNullOrWhiteSpace(key))
        {
            errors.Add("AzureOpenAI:ApiKey is blank. Remove it to sign in with managed identity, or set the resource's key.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
