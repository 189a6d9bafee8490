using System.Diagnostics;
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
    /// Whether something hosts this program from inside (WebApplicationFactory in tests, EF's design-time tools): it
    /// observes the host through this diagnostic source and needs the exception itself rather than an exit code.
    /// </summary>
    public static bool HostIsObserved()
    {
        using var listener = new DiagnosticListener("Microsoft.Extensions.Hosting");
        return listener.IsEnabled();
    }

    /// <summary>
    /// Validates every option registered for start-up validation, before hosting would log the failure with a stack
    /// trace. Left to the host when it is observed, so its observer sees the failure as usual.
    /// </summary>
    public static void ValidateOptions(IServiceProvider services)
    {
        if (!HostIsObserved())
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
    }

    public static async Task<int> ReportAsync(string problem)
    {
        await Console.Error.WriteLineAsync("DeliberationBot did not start: " + problem);
        return ExitCode;
    }
}

/// <summary>A setting that cannot work, with what to change; reported at start-up without a stack trace.</summary>
internal sealed class SettingException(string message, Exception? inner = null) : InvalidOperationException(message, inner);
