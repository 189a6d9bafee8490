using DeliberationBot.Core.Community;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Digests;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Core.Reports;

namespace DeliberationBot.Core.Privacy;

/// <summary>Which replies must reach the person alone, whatever conversation they acted in.</summary>
public static class ReplyPrivacy
{
    /// <summary>
    /// The answering flow (group and question prompts show the person's answers, and anonymity must hold), and anything
    /// carrying the reader's own link or what only they may see: a page link, the links to the whole record (which
    /// anyone holding them could open), the public link the facilitator hands out, the addresses people left on the
    /// public page, a digest; and the list of concerns, which the facilitator and the owners read with every person's
    /// words and name, and anyone else with their own words (Teams would otherwise post it in the channel's thread).
    /// </summary>
    public static bool IsForTheReaderAlone(OutgoingMessage message) =>
        message is GroupPrompt or QuestionPrompt or ReportLink or ExportLink or CommunityInvitationLink or CommunityContactList or WeeklyDigest or DigestReference or ConcernList;
}
