using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Tests.Reports;

public class ReportCommandTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    [InlineData("report", false, null)]
    [InlineData("REPORT", false, null)]
    [InlineData("report revoke", true, null)]
    [InlineData("report revoke <@U456|li>", true, "U456")]
    [InlineData("report Revoke @maria", true, "U123")]
    public void Report_and_its_revoke_parse(string text, bool revoke, string? only)
    {
        var (command, error) = CommandParser.Parse(text, new Dictionary<string, UserRef> { ["maria"] = new("U123", "maria") }, Today);
        Assert.Null(error);
        Assert.Equal((revoke, only), (Assert.IsType<ReportCommand>(command).Revoke, ((ReportCommand)command).Only?.Id));
    }

    [Theory]
    [InlineData("report me")]
    [InlineData("report revoke @nobody")]
    [InlineData("report revoke <@U1> <@U2>")]
    public void Anything_else_after_report_says_what_to_type(string text)
    {
        var (command, error) = CommandParser.Parse(text, null, Today);
        Assert.Null(command);
        Assert.Equal(Usage.Report, error!.Usage);
    }

    [Fact]
    public void Help_lists_report()
    {
        Assert.Contains(Usage.All, h => h.Usage == "report");
    }
}
