using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries;

/// <summary>
/// Registered only when Summaries:Provider is AzureOpenAI, so these rules span the two sections; the Summaries
/// section's own rules are data annotations on <see cref="SummariesOptions"/>.
/// </summary>
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
