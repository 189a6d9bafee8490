using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// What both ways of answering by typing (a reply in a Slack thread, words in a Teams private chat) need to know about
/// the message that gave an answer: whether it has been handled yet, and what its deletion means.
/// </summary>
public sealed class AnswerMessages(TurnSupport turn, ReplyOutbox replies)
{
    /// <summary>
    /// Every message handled leaves its key (an answer's commit) or its reply queued. Neither means it has not come yet:
    /// a platform retrying a delivery can send it after an edit of it.
    /// </summary>
    public async Task<bool> WasHandledAsync(string workspaceId, string messageKey, CancellationToken ct) =>
        await turn.Store.WasDeliveredAsync(workspaceId, messageKey, ct) || await replies.WereQueuedAsync(workspaceId, messageKey, ct);

    /// <summary>
    /// Writes down that a reply waits for its writer to join (<see cref="ThreadAnswering"/>), and holds its words for
    /// them, replacing any held before (an edit of it). Data a client sends back names it, so only the person it waits
    /// for may give it, and only while it waits is its deletion news to them.
    /// </summary>
    public async Task MarkWaitingAsync(Actor actor, string messageKey, string text, CancellationToken ct)
    {
        // The words first, in a commit with no key of its own: the marker's commit is a duplicate once the reply has
        // waited before (it was edited), and would take them with it. Written first, a marked reply always has them.
        await turn.CommitAsync(new Commit(actor.WorkspaceId, null) { WaitingWords = new(actor.User.Id, messageKey, text) }, ct);
        await turn.CommitAsync(new Commit(actor.WorkspaceId, WaitingFor(actor, messageKey)), ct);
    }

    public Task<bool> IsWaitingForAsync(Actor actor, string messageKey, CancellationToken ct) =>
        turn.Store.WasDeliveredAsync(actor.WorkspaceId, WaitingFor(actor, messageKey), ct);

    /// <summary>
    /// The words held for a reply waiting for <paramref name="actor"/>; null for one marked waiting before words were
    /// held, whose prompt carried them itself.
    /// </summary>
    public Task<string?> WaitingWordsAsync(Actor actor, string messageKey, CancellationToken ct) =>
        turn.Store.FindWaitingWordsAsync(actor.WorkspaceId, actor.User.Id, messageKey, ct);

    private static string WaitingFor(Actor actor, string messageKey) => $"waiting-for:{actor.User.Id}:{messageKey}";

    /// <summary>Whether a message that gave no answer was deleted: its words must not become one later.</summary>
    public Task<bool> WasWithdrawnAsync(string workspaceId, string messageKey, CancellationToken ct) =>
        turn.Store.WasDeliveredAsync(workspaceId, Withdrawn(messageKey), ct);

    /// <summary>
    /// A message was deleted (<paramref name="messageKey"/> is its delivery key). The answer it gave stays: it is part of
    /// the record the owners rely on, and the deletion may not be the person's own (an admin's). So the person is told
    /// that it is still there and how to change it, rather than left believing it gone.
    /// </summary>
    public async Task<TurnResult> DeletedAsync(Actor actor, Guid deliberationId, string messageKey, string deliveryKey, CancellationToken ct)
    {
        if (await turn.LoadAsync(actor.WorkspaceId, deliberationId, ct) is not var (d, flow))
        {
            return new TurnResult([]);
        }

        if (await turn.FindParticipantAsync(actor, d.Id, ct) is not { } participant
            || await turn.AnswerGivenByAsync(d, participant, messageKey, ct) is not { } given
            || flow.FindQuestion(given.QuestionId) is not { } question)
        {
            return await WithdrawAsync(actor, d, messageKey, deliveryKey, ct);
        }

        if (await replies.WereQueuedAsync(actor.WorkspaceId, deliveryKey, ct))
        {
            return TurnResult.AlreadyHandled;
        }

        var kept = $"Your message was deleted, but your answer to \"{question.Text}\" is still recorded as you wrote it{(given.FlaggedConcern ? ", as a concern" : "")}.";
        return TurnResult.Reply(new Confirmation(d.IsOpen
            ? kept + " To change it, press Answer on the deliberation's card."
            : kept + $" \"{d.Title}\" is closed, so it stays in the record as it is."));
    }

    /// <summary>
    /// A deleted message that gave no answer. If it was never taken as one, it may still be waiting to be: a reply
    /// written before joining waits for the person to press the Answer button they were given (<see cref="ThreadAnswering"/>),
    /// and pressing it later must not record words they deleted. So the deletion is written down, the words held for
    /// it are let go, and the person told.
    /// </summary>
    private async Task<TurnResult> WithdrawAsync(Actor actor, Deliberation d, string messageKey, string deliveryKey, CancellationToken ct)
    {
        // Nothing waits any more, or it was taken as an answer (changed since: none of its words are kept), or it never
        // waited (a command, or never seen): a deleted command is not told it "will not be taken as an answer".
        if (!d.IsOpen
            || await turn.Store.WasDeliveredAsync(d.WorkspaceId, messageKey, ct)
            || !await IsWaitingForAsync(actor, messageKey, ct))
        {
            return new TurnResult([]);
        }

        await turn.CommitAsync(new Commit(d.WorkspaceId, Withdrawn(messageKey)) { WaitingWords = new(actor.User.Id, messageKey, "") }, ct);
        return await replies.WereQueuedAsync(d.WorkspaceId, deliveryKey, ct)
            ? TurnResult.AlreadyHandled
            : TurnResult.Reply(new Confirmation("Your message was deleted, so it will not be taken as an answer."));
    }

    private static string Withdrawn(string messageKey) => "withdrawn:" + messageKey;
}
