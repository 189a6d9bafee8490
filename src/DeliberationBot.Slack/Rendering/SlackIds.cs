using System.Globalization;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Flows;
using DeliberationBot.Core.Forms;
using DeliberationBot.Core.Messaging;
using DeliberationBot.Slack.Concerns;

namespace DeliberationBot.Slack.Rendering;

/// <summary>The action ids, callback ids and block ids the renderer emits and the inbound handlers expect.</summary>
internal static class SlackIds
{
    /// <summary>The "Answer" button; its value is the deliberation id.</summary>
    public const string AnswerAction = "answer";

    /// <summary>"Change" next to an answer in the review; its value is <see cref="ChangeValue"/>.</summary>
    public const string ChangeAnswerAction = "answer_change";

    /// <summary>The "Change an earlier answer" select in a question modal; the option's value is the question id.</summary>
    public const string JumpAction = "question_jump";

    /// <summary>"Record the decision" in the facilitator's decision request; its value is the deliberation id.</summary>
    public const string DecideAction = "decision_open";

    public const string ConfirmSuggestionAction = "suggestion_confirm";

    public const string DismissSuggestionAction = "suggestion_dismiss";

    /// <summary>A suggestion button's value: the deliberation and the suggestion's number.</summary>
    public static string SuggestionValue(Guid deliberationId, int number) => $"{deliberationId:N}|{number}";

    public static bool TryParseSuggestionValue(string? value, out Guid deliberationId, out int number)
    {
        number = 0;
        deliberationId = default;
        var parts = value?.Split('|');
        return parts is [var id, var n] && Guid.TryParseExact(id, "N", out deliberationId)
            && int.TryParse(n, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number);
    }

    public const string StartCallback = "deliberation_start";
    public const string GroupCallback = "deliberation_group";
    public const string QuestionCallback = "deliberation_question";

    /// <summary>A question modal showing an answer too long for its input: an empty input keeps that answer.</summary>
    public const string KeptAnswerCallback = "deliberation_question_kept";
    public const string NoticeCallback = "deliberation_notice";
    public const string ConcernCallback = "concern_text";
    public const string DecisionCallback = "decision";

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

    /// <summary>The question form's box for the words a person adds to a choice or a number.</summary>
    public const string WordsBlock = "words";
    public const string ButtonsBlock = "deliberation_actions";
    public const string JumpBlock = "jump";
    public const string ResponseBlock = "response";
    public const string OutcomeBlock = "outcome";
    public const string RationaleBlock = "rationale";

    /// <summary>The modal input a form problem is about.</summary>
    public static string BlockOf(FormField field) => field switch
    {
        FormField.Flow => FlowBlock,
        FormField.Title => TitleBlock,
        FormField.Due => DueBlock,
        FormField.Group => GroupBlock,
        FormField.Answer => AnswerBlock,
        FormField.Outcome => OutcomeBlock,
        FormField.Rationale => RationaleBlock,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "A form field without a Slack block."),
    };

    public const string Checked = "yes";

    /// <summary>The button for a concern action; its value is the concern id.</summary>
    public static string ConcernActionId(ConcernAction action) => action switch
    {
        ConcernAction.Acknowledge => "concern_acknowledge",
        ConcernAction.Respond => "concern_respond",
        ConcernAction.MarkAddressed => "concern_mark_addressed",
        ConcernAction.WontAddress => "concern_wont_address",
        ConcernAction.Accept => "concern_accept",
        ConcernAction.Reopen => "concern_reopen",
        ConcernAction.CloseWithoutRaisers => "concern_close_without_raisers",
        _ => throw new InvalidOperationException($"Concern action {action} has no Slack button yet: add it here and in the action router."),
    };

    /// <summary>The actions that need words from the person (a modal); the others act at once.</summary>
    public static bool AsksForWords(ConcernAction action) =>
        action is ConcernAction.Respond or ConcernAction.MarkAddressed or ConcernAction.WontAddress or ConcernAction.CloseWithoutRaisers or ConcernAction.Reopen;

    /// <summary>
    /// The Answer button's value, and the group form's metadata: the deliberation, and the key of a thread reply written
    /// before joining that is to be the answer once the person joins ("{id}|{delivery key}"). Core holds its words.
    /// </summary>
    public static string AnswerValue(Guid deliberationId, WaitingReply? waiting) =>
        waiting is null ? deliberationId.ToString("D") : $"{deliberationId:D}|{waiting.DeliveryKey}";

    /// <summary>Reads <see cref="AnswerValue"/>; a button sent before Core held the words has them third, "{id}|{key}|{words}".</summary>
    public static bool TryParseAnswerValue(string? value, out Guid deliberationId, out WaitingReply? waiting)
    {
        var parts = (value ?? "").Split('|', 3);
        waiting = parts switch
        {
            [_, { Length: > 0 } key] => WaitingReply.Carried(key),
            [_, { Length: > 0 } key, var words] => WaitingReply.Carried(key, words),
            _ => null,
        };
        return Guid.TryParse(parts[0], out deliberationId) && (parts.Length == 1 || waiting is not null);
    }

    public static string ChangeValue(Guid deliberationId, string questionId) => $"{deliberationId:N}|{questionId}";

    public static bool TryParseChangeValue(string? value, out Guid deliberationId, out string questionId) =>
        TryParsePair(value, out deliberationId, out questionId);

    /// <summary>
    /// private_metadata of a concern modal: the concern and what the person is doing to it, and the message it was
    /// opened from (an owner's, by the concerns it lists; or the response to the people who raised it), to draw again
    /// once it is done.
    /// </summary>
    public static string ConcernMetadata(Guid concernId, ConcernAction action, ConcernMessage? from = null) =>
        $"{concernId:N}|{action}" + from switch
        {
            { Shown: ConcernMessageShown.ToOwner owner } => $"|{from.Channel}|{from.Ts}|{OwnerConcernsPrefix}{Numbers(owner.Listed)}",
            { Shown: ConcernMessageShown.ToRaisers raisers } => $"|{from.Channel}|{from.Ts}|{RaisersNoticeBlock(raisers.InConversation)}",
            _ => "",
        };

    public static bool TryParseConcernMetadata(string? metadata, out Guid concernId, out ConcernAction action, out ConcernMessage? from)
    {
        action = default;
        from = null;
        if (!TryParsePair(metadata, out concernId, out var rest) || rest.Split('|') is not [var name, .. var message]
            || !Enum.TryParse(name, out action) || !Enum.IsDefined(action))
        {
            return false;
        }

        from = message is [{ Length: > 0 } channel, { Length: > 0 } ts, var shown] && ShownOn([shown]) is { } kind
            ? new ConcernMessage(channel, ts, kind)
            : null;
        return true;
    }

    /// <summary>
    /// The id of the block that opens an owner's concerns message: it names the concerns the message lists (by number,
    /// a message holds few), so that the message can be drawn again as they stand after the owner acts on one.
    /// </summary>
    /// <returns>Null when the numbers are too many for a block id (such a message is in parts, and not drawn again).</returns>
    public static string? OwnerConcernsBlock(IEnumerable<int> numbers) =>
        OwnerConcernsPrefix + Numbers(numbers) is { Length: <= SlackLimits.BlockId } id ? id : null;

    /// <summary>The id of the block that opens the owners' response to the people who raised a concern, privately or in the conversation.</summary>
    public static string RaisersNoticeBlock(bool inConversation) => RaisersNoticePrefix + new ConcernMessageShown.ToRaisers(inConversation).Name;

    /// <summary>Which concerns message a button was pressed on, read from its blocks' ids; null for any other message.</summary>
    public static ConcernMessageShown? ShownOn(IEnumerable<string?> blockIds)
    {
        foreach (var id in blockIds)
        {
            switch (id)
            {
                case not null when id.StartsWith(OwnerConcernsPrefix, StringComparison.Ordinal) && ParseNumbers(id[OwnerConcernsPrefix.Length..]) is { Count: > 0 } listed:
                    return new ConcernMessageShown.ToOwner(listed);
                case not null when id.StartsWith(RaisersNoticePrefix, StringComparison.Ordinal) && ConcernMessageShown.ToRaisers.Named(id[RaisersNoticePrefix.Length..]) is { } raisers:
                    return raisers;
            }
        }

        return null;
    }

    private const string OwnerConcernsPrefix = "owner_concerns:";
    private const string RaisersNoticePrefix = "raisers_notice:";

    private static string Numbers(IEnumerable<int> numbers) => string.Join(".", numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    private static HashSet<int> ParseNumbers(string text) =>
        [.. text.Split('.').Select(n => int.TryParse(n, CultureInfo.InvariantCulture, out var number) ? number : 0).Where(n => n > 0)];

    private static bool TryParsePair(string? text, out Guid id, out string rest)
    {
        id = Guid.Empty;
        rest = "";
        var parts = text?.Split('|', 2) ?? [];
        if (parts.Length != 2 || !Guid.TryParse(parts[0], out id) || parts[1].Length == 0)
        {
            return false;
        }

        rest = parts[1];
        return true;
    }

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
