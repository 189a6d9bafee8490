namespace DeliberationBot.Teams.Cards;

/// <summary>
/// The verbs of this bot's card actions and the names of their data fields and inputs. Action.Execute carries the
/// verb as its own property; every action also puts it in its data, so that the Action.Submit fallback (a message
/// whose value is data + inputs) reads the same.
/// </summary>
internal static class CardVerbs
{
    public const string Answer = "answer";
    public const string Join = "join";
    public const string SubmitAnswer = "submit-answer";
    public const string Flag = "flag";
    public const string StartForm = "start-form";
    public const string Edit = "edit";
    public const string Concern = "concern";
    public const string Decide = "decide";
    public const string Suggestion = "suggestion";

    public const string VerbField = "verb";
    public const string DeliberationField = "deliberationId";
    public const string QuestionField = "questionId";
    public const string KindField = "kind";
    public const string SkipField = "skip";
    public const string ConcernField = "concernId";
    public const string ConcernActionField = "concernAction";

    /// <summary>The concerns an owner's card lists (their numbers, comma-separated: a card holds many actions): the card is drawn again as they stand after an action.</summary>
    public const string ListedConcernsField = "listedConcerns";

    /// <summary>On the owners' response to the people who raised a concern: which it is (<see cref="Core.Concerns.ConcernMessageShown.ToRaisers.Name"/>), to draw it again after Accept or Reopen.</summary>
    public const string RaisersNoticeField = "raisersNotice";

    public const string SuggestionField = "suggestion";
    public const string ConfirmField = "confirm";

    /// <summary>The key of a reply written in a deliberation's thread before joining, named by the group card to answer on joining.</summary>
    public const string WaitingKeyField = "waitingKey";

    /// <summary>The reply's words, carried by group cards sent before Core held them; read only from those.</summary>
    public const string WaitingTextField = "waitingText";

    public const string AnswerInput = "answer";
    public const string ConcernInput = "concern";

    /// <summary>The question card's box for the words a person adds to a choice or a number.</summary>
    public const string WordsInput = "words";
    public const string GroupInput = "group";
    public const string AnonymousInput = "anonymous";
    public const string FlowInput = "flow";
    public const string TitleInput = "title";
    public const string DescriptionInput = "description";
    public const string OwnersInput = "owners";
    public const string DueInput = "due";
    public const string AnonymityInput = "anonymity";
    public const string OutcomeInput = "outcome";
    public const string RationaleInput = "rationale";

    /// <summary>The answering verbs: their replies concern one person and go to them privately.</summary>
    public static bool IsPersonal(string verb) => verb is Answer or Join or SubmitAnswer or Flag or Edit;

    /// <summary>Verbs whose card stays as it is (it lists more than the one thing acted on, or others still need it).</summary>
    public static bool KeepsCard(string verb) => verb is Answer or Concern or Decide or Suggestion;

    /// <summary>The card an action on a concern was taken on, read from its data; null for a card not drawn again.</summary>
    public static Core.Concerns.ConcernMessageShown? ShownOn(Func<string, string?> field)
    {
        var listed = field(ListedConcernsField)?.Split(',')
            .Select(n => int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : 0)
            .Where(n => n > 0)
            .ToHashSet();
        return listed is { Count: > 0 }
            ? new Core.Concerns.ConcernMessageShown.ToOwner(listed)
            : Core.Concerns.ConcernMessageShown.ToRaisers.Named(field(RaisersNoticeField));
    }
}
