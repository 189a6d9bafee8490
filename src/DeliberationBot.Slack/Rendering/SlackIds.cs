using DeliberationBot.Core.Flows;

namespace DeliberationBot.Slack.Rendering;

/// <summary>The action ids, callback ids and block ids the renderer emits and the inbound handlers expect.</summary>
internal static class SlackIds
{
    /// <summary>The "Answer" button; its value is the deliberation id.</summary>
    public const string AnswerAction = "answer";

    public const string StartCallback = "deliberation_start";
    public const string GroupCallback = "deliberation_group";
    public const string QuestionCallback = "deliberation_question";
    public const string NoticeCallback = "deliberation_notice";

    /// <summary>The one action id inside every input block.</summary>
    public const string Value = "value";

    public const string FlowBlock = "flow";
    public const string TitleBlock = "title";
    public const string DescriptionBlock = "description";
    public const string OwnersBlock = "owners";
    public const string DueBlock = "due";
    public const string AnonymityBlock = "anonymity";
    public const string GroupBlock = "group";
    public const string AnonymousBlock = "anonymous";
    public const string AnswerBlock = "answer";
    public const string ConcernBlock = "concern";
    public const string ButtonsBlock = "deliberation_actions";

    public const string Checked = "yes";

    /// <summary>private_metadata of a question modal: deliberation, answer kind (to read the input back) and question.</summary>
    public static string QuestionMetadata(Guid deliberationId, AnswerKind kind, string questionId) => $"{deliberationId:N}|{kind}|{questionId}";

    public static bool TryParseQuestionMetadata(string? metadata, out Guid deliberationId, out AnswerKind kind, out string questionId)
    {
        questionId = "";
        deliberationId = Guid.Empty;
        kind = default;
        var parts = metadata?.Split('|', 3) ?? [];
        if (parts.Length != 3 || !Guid.TryParse(parts[0], out deliberationId) || !Enum.TryParse(parts[1], out kind) || !Enum.IsDefined(kind))
        {
            return false;
        }

        questionId = parts[2];
        return questionId.Length > 0;
    }
}
