using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Privacy;
using DeliberationBot.Core.Reports;
using DeliberationBot.Core.Tests.Messaging;

namespace DeliberationBot.Core.Tests.Privacy;

public sealed class ReplyPrivacyTests
{
    private static readonly Type[] ForTheReaderAlone = [typeof(GroupPrompt), typeof(QuestionPrompt), typeof(ReportLink), typeof(ExportLink), typeof(CommunityInvitationLink), typeof(CommunityContactList), typeof(WeeklyDigest), typeof(ConcernList)];

    [Fact]
    public void The_answering_flow_the_concerns_and_anything_with_the_readers_own_link_go_to_them_alone_and_nothing_else_does()
    {
        var samples = ((IEnumerable<object[]>)PlainTextRendererTests.EveryMessage()).Select(row => (OutgoingMessage)row[0]).ToList();

        Assert.All(samples, m => Assert.Equal(ForTheReaderAlone.Contains(m.GetType()), ReplyPrivacy.IsForTheReaderAlone(m)));
        Assert.All(ForTheReaderAlone, t => Assert.Contains(samples, m => m.GetType() == t));
    }
}
