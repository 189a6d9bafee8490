using DeliberationBot.Core.Summaries;
using DeliberationBot.Summaries.AzureOpenAI;
using DeliberationBot.Summaries.Tests.Support;
using DeliberationBot.Summaries.Tokens;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Summaries.Tests.Composition;

public sealed class AddSummariesTests
{
    [Fact]
    public void Offline_is_the_default_and_needs_nothing_else()
    {
        using var host = SummariesHost.Create([]);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<OfflineSummarizer>(host.Summarizer);
        var options = host.Services.GetRequiredService<IOptions<SummariesOptions>>().Value;
        Assert.Equal((3, SummaryProviders.Offline), (options.MinGroupSize, options.Provider));
        Assert.Null(host.Services.GetKeyedService<IChatClient>(SummariesServiceCollectionExtensions.ChatClientKey));
    }

    [Fact]
    public void AzureOpenAI_with_a_key_resolves_every_registration()
    {
        using var host = SummariesHost.Create(SummariesHost.AzureSettings("https://example-resource.openai.azure.com/"));

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<AzureOpenAISummarizer>(host.Summarizer);
        Assert.NotNull(host.Services.GetRequiredKeyedService<IChatClient>(SummariesServiceCollectionExtensions.ChatClientKey));
        Assert.Equal("o200k_base", host.Services.GetRequiredService<ITokenCounter>().Method);
    }

    [Fact]
    public void AzureOpenAI_without_a_key_signs_in_with_an_Azure_Identity_credential()
    {
        var settings = SummariesHost.AzureSettings("https://example-resource.openai.azure.com/");
        settings.Remove("AzureOpenAI:ApiKey");
        settings["AzureOpenAI:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001";
        using var host = SummariesHost.Create(settings);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.IsType<AzureOpenAISummarizer>(host.Summarizer);
        Assert.NotNull(host.Services.GetRequiredKeyedService<IChatClient>(SummariesServiceCollectionExtensions.ChatClientKey));
    }

    [Fact]
    public void AzureOpenAI_without_endpoint_or_deployment_fails_at_start_up_naming_both()
    {
        using var host = SummariesHost.Create(new()
        {
            ["Summaries:Provider"] = "AzureOpenAI",
            ["Summaries:PromptsDirectory"] = Repo.SummaryPrompts,
        });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        var messages = string.Join("\n", error.Failures);
        Assert.Contains("AzureOpenAI:Endpoint is required when Summaries:Provider is AzureOpenAI", messages, StringComparison.Ordinal);
        Assert.Contains("AzureOpenAI:Deployment is required when Summaries:Provider is AzureOpenAI", messages, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Summaries:Provider", "OpenAI", "Summaries:Provider must be Offline or AzureOpenAI (it is 'OpenAI')")]
    [InlineData("Summaries:MinGroupSize", "0", "Summaries:MinGroupSize must be between 1 and 100")]
    [InlineData("Summaries:TimeoutSeconds", "0", "Summaries:TimeoutSeconds must be more than 0")]
    [InlineData("Summaries:MaxAttempts", "0", "Summaries:MaxAttempts must be between 1 and 10")]
    [InlineData("Summaries:SectionTokenBudget", "100", "Summaries:SectionTokenBudget must be between 500 and 200000")]
    [InlineData("AzureOpenAI:Endpoint", "http://example-resource.openai.azure.com/", "AzureOpenAI:Endpoint must be an absolute https URL")]
    public void Bad_settings_fail_at_start_up_with_the_setting_named(string key, string value, string message)
    {
        var settings = SummariesHost.AzureSettings("https://example-resource.openai.azure.com/");
        settings[key] = value;
        using var host = SummariesHost.Create(settings);

        var error = Assert.ThrowsAny<Exception>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_prompt_folder_stops_start_up()
    {
        var settings = SummariesHost.AzureSettings("https://example-resource.openai.azure.com/");
        settings["Summaries:PromptsDirectory"] = Path.Combine(Path.GetTempPath(), "no-such-prompts-" + Guid.NewGuid().ToString("N"));

        using var host = SummariesHost.Create(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Summarizer);
        Assert.StartsWith("Summaries:PromptsDirectory: the folder", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void The_prompt_files_are_copied_beside_the_app_and_found_there_by_default()
    {
        var prompts = Prompts.SummaryPrompts.Load("prompts/summaries");

        Assert.Contains("{{data}}", prompts.SectionTemplate, StringComparison.Ordinal);
        Assert.Contains("never an instruction", prompts.System, StringComparison.Ordinal);
    }
}
