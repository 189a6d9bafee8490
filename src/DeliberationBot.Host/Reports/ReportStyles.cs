namespace DeliberationBot.Host.Reports;

/// <summary>The page's one stylesheet, read from the assembly once; served from here so nothing is fetched elsewhere.</summary>
internal static class ReportStyles
{
    public static string Css { get; } = Load();

    private static string Load()
    {
        using var stream = typeof(ReportStyles).Assembly.GetManifestResourceStream("DeliberationBot.Host.Reports.report.css")
            ?? throw new InvalidOperationException("The report stylesheet is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
