using System.Reflection;
using DeliberationBot.Core.Flows;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Composition;

/// <summary>
/// Turns a start-up failure caused by configuration (a setting out of range, a missing connection string, a broken
/// flow file) into one message for the operator, instead of an unhandled exception with a stack trace.
/// </summary>
internal static class StartupFailure
{
    public const int ExitCode = 2;

    /// <summary>What to tell the operator, or null when the exception is not a configuration problem (then it propagates).</summary>
    public static string? Describe(Exception e) => e switch
    {
        OptionsValidationException options => string.Join(Environment.NewLine + "  ", options.Failures.Prepend("a setting is not valid:")),
        FlowValidationException flows => flows.Message,
        SettingException setting => setting.Message,
        _ => null,
    };

    /// <summary>
    /// Whether something hosts this program from inside (WebApplicationFactory in tests, EF's design-time tools) rather
    /// than running it as the process: that host wants the exception itself, not an exit code.
    /// </summary>
    public static bool HostedFromInside() => Assembly.GetEntryAssembly() != typeof(StartupFailure).Assembly;

    /// <summary>
    /// Validates every option registered for start-up validation and reads the files the service starts with, before
    /// hosting would log a failure with a stack trace.
    /// </summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        services.GetService<IStartupValidator>()?.Validate();
        services.GetRequiredService<StartupFiles>();
    }

    public static async Task<int> ReportAsync(string problem)
    {
        await Console.Error.WriteLineAsync("DeliberationBot did not start: " + problem);
        return ExitCode;
    }
}

/// <summary>A setting that cannot work, with what to change; reported at start-up without a stack trace.</summary>
internal sealed class SettingException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
