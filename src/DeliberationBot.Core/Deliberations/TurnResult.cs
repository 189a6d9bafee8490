using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// What a turn says straight back to the person who acted (an ephemeral message, a modal, a card). Messages for
/// anyone else go through the outbox.
/// </summary>
public sealed record TurnResult(IReadOnlyList<OutgoingMessage> Replies, bool Duplicate = false)
{
    public static TurnResult Reply(params OutgoingMessage[] messages) => new(messages);

    public static TurnResult Error(string text, string? usage = null) => new([new ErrorMessage(text, usage)]);

    public static TurnResult AlreadyHandled { get; } = new([], Duplicate: true);

    /// <summary>The same replies, the question or review among them saying first what became of the person's words.</summary>
    public TurnResult WithNotice(string notice) => this with
    {
        Replies = [.. Replies.Select(r => r switch
        {
            QuestionPrompt q => q with { Notice = notice },
            AnswersReview review => review with { Notice = notice },
            _ => r,
        })],
    };

    /// <summary>What the question or review among the replies says first, if anything (<see cref="WithNotice"/>).</summary>
    public string? Notice => Replies.Select(r => r switch
    {
        QuestionPrompt q => q.Notice,
        AnswersReview review => review.Notice,
        _ => null,
    }).OfType<string>().FirstOrDefault();

    /// <summary>The same replies, the question among them knowing where the person's words were written (<see cref="QuestionPrompt.WordsFrom"/>).</summary>
    public TurnResult From(PublicPlace place) => this with
    {
        Replies = [.. Replies.Select(r => r is QuestionPrompt q ? q with { WordsFrom = place } : r)],
    };
}
