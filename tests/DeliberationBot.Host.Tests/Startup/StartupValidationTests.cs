using DeliberationBot.Core.Flows;
using DeliberationBot.Host.Composition;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Tests.Startup;

public sealed class StartupValidationTests
{
    [Fact]
    public void A_broken_flow_file_stops_start_up_naming_the_file_the_line_and_the_problem()
    {
        var flows = Directory.CreateTempSubdirectory("flows-");
        File.WriteAllText(Path.Combine(flows.FullName, "broken.yaml"), """
            id: broken
            title: Broken
            sections:
              - id: s
                title: S
                questions:
                  - id: q
                    text: Is it fine?
                    kind: yes_no_unsure
                    colour: blue
            """);
        // In-memory server: start-up fails before any socket matters. The factory sometimes surfaces a follow-on
        // ObjectDisposedException; the host logged the cause first.
        using var factory = new BotFactory(new() { ["Flows:Directory"] = flows.FullName }, kestrel: false);

        var thrown = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var e = Assert.IsType<FlowValidationException>(factory.Logs.Exceptions.Prepend(thrown).FirstOrDefault(x => x is FlowValidationException));

        var error = Assert.Single(e.Errors);
        Assert.EndsWith("broken.yaml", error.File, StringComparison.Ordinal);
        Assert.Equal(10, error.Line);
        Assert.Contains("unknown key 'colour'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_the_services_reads_no_file_and_starting_them_reads_the_flows_and_the_key()
    {
        var data = Directory.CreateTempSubdirectory("data-");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Flows:Directory"] = Path.Combine(data.FullName, "no-such-folder"),
            ["Storage:SqlitePath"] = Path.Combine(data.FullName, "bot.db"),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();

        services.AddDeliberationBot(configuration);

        Assert.Empty(data.EnumerateFileSystemInfos());
        using var provider = services.BuildServiceProvider();
        var e = Assert.Throws<FlowValidationException>(() => StartupFailure.ValidateOptions(provider));
        Assert.Contains("flow folder not found", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storage:Provider", "Postgres", "ConnectionStrings:Deliberations")]
    [InlineData("ConnectionStrings:Deliberations", "Host=db;Database=deliberations", "but Storage:Provider is Sqlite, so it would not be used")]
    [InlineData("Storage:ConnectionString", "Data Source=/tmp/other.db", "A connection string is set (ConnectionStrings:Deliberations or Storage:ConnectionString), but Storage:Provider is Sqlite")]
    [InlineData("Outbox:BatchSize", "0", "Outbox:BatchSize must be between 1 and 500")]
    [InlineData("Outbox:ParallelConversations", "0", "Outbox:ParallelConversations must be between 1 and 64")]
    [InlineData("Memory:TrimAfterQuiet", "00:00:01", "Memory:TrimAfterQuiet must be between 5 seconds and 1 day")]
    [InlineData("Privacy:PseudonymKey", "c2hvcnQ=", "at least 32 bytes")]
    [InlineData("Concerns:RoundupTimeZone", "Chicago", "Concerns:RoundupTimeZone is not a time zone this machine knows; use an IANA id such as UTC, Europe/Berlin or America/Chicago.")]
    [InlineData("Digests:DefaultTimeZone", "CET+1", "Digests:DefaultTimeZone is not a time zone this machine knows")]
    [InlineData("Reminders:DefaultTimeZone", "Central", "Reminders:DefaultTimeZone is not a time zone this machine knows")]
    public void A_bad_setting_stops_start_up_with_a_message_a_person_can_act_on(string key, string value, string expected)
    {
        // In-memory server: start-up fails before any socket matters, and the failure surfaces as it is.
        using var factory = new BotFactory(new() { [key] = value }, kestrel: false);

        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        // The factory sometimes surfaces a follow-on ObjectDisposedException; the host logged the cause first.
        var causes = factory.Logs.Exceptions.Prepend(e).Select(x => x is OptionsValidationException ov ? string.Join(" ", ov.Failures) : x.Message);
        Assert.Contains(causes, text => text.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_registration_of_ours_resolves()
    {
        using var factory = new BotFactory();
        using var client = factory.CreateClient();
        var ours = factory.Registrations
            .Where(d => !d.ServiceType.IsGenericTypeDefinition && (d.ServiceType.Namespace?.StartsWith("DeliberationBot", StringComparison.Ordinal) ?? false))
            .Select(d => d.ServiceType)
            .Distinct()
            .ToList();

        Assert.NotEmpty(ours);
        foreach (var type in ours)
        {
            Assert.NotEmpty(factory.Services.GetServices(type).OfType<object>());
        }
    }
}
