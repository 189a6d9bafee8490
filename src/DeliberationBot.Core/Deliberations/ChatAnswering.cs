using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Words typed to the bot in a person's private chat that are no command. Where the questions come in that chat (Teams),
/// people answer by typing as often as in the question's card: when the person is answering exactly one open
/// deliberation of the workspace (joined, questions left), the words answer its current question, as a reply in a
/// Slack thread does; answering several, they are told the words were not recorded and why. Having answered everything
/// of the one they took part in, they get their answers back, with the words said not to be recorded and how to add them
/// to an answer. The chat is the person's alone, so someone answering anonymously may answer this way too. Answering
/// none, the words are what they were: an unknown command, which says it was not recorded. Editing such words changes
/// the answer; deleting them leaves it, and says so.
/// </summary>
public sealed class ChatAnswering(TurnSupport turn, TypedCommands commands, AnsweringService answering, AnswerMessages messages, RefusedAnswers refused)
{
    /// <returns>The answer's result, or null when the words are not taken as an answer (a command, or nothing to answer).</returns>
    public async Task<TurnResult?> AnswerAsync(Actor actor, string text, string deliveryKey, CancellationToken ct)
    {
        if (commands.IsCommand(text))
        {
            return null;
        }

        var answeringNow = new List<Deliberation>();
        var finished = new List<Deliberation>();
        foreach (var d in await turn.Store.ListOpenAsync(actor.WorkspaceId, actor.Channel, ct))
        {
            switch (await turn.FindParticipantAsync(actor, d.Id, ct))
            {
                case { FinishedAt: null }:
                    answeringNow.Add(d);
                    break;
                case not null:
                    finished.Add(d);
                    break;
            }
        }

        return (answeringNow, finished) switch
        {
            ([], [var done]) => await answering.AnswerTextAsync(actor, done.Id, text, deliveryKey, ct), // their answers, and how to add to one
            ([], _) => null,
            ([var only], _) => await answering.AnswerTextAsync(actor, only.Id, text, deliveryKey, ct),
            // Which one the words are for is the person's to say: taken for either, they could land under the wrong proposal.
            _ => TurnResult.Error(
                $"You are answering {answeringNow.Count} deliberations ({string.Join(", ", answeringNow.Select(d => $"\"{d.Title}\""))}), " +
                "so I can't tell which one this is for, and it was not recorded. Press Answer on the card of the one it is for and give it there."),
        };
    }

    /// <summary>
    /// The person edited a message in their private chat (<paramref name="messageKey"/> is its delivery key): the answer
    /// it gave reads as edited, in whichever deliberation it was given (one closed since says the answer stays); words
    /// that were refused as an answer answer it once they fit (<see cref="RefusedAnswers"/>). Editing any other message
    /// (a command) changes nothing here.
    /// </summary>
    public async Task<TurnResult> ReviseAsync(Actor actor, string messageKey, string text, string deliveryKey, CancellationToken ct)
    {
        if (await GivenByAsync(actor, messageKey, ct) is { } given)
        {
            return await answering.ReviseTextAsync(actor, given.DeliberationId, messageKey, text, deliveryKey, ct);
        }

        // The message itself has not come yet: the edited words answer in its place, under its key, so that when it does
        // come it counts as handled and the first words never replace the edited ones.
        if (!await messages.WasHandledAsync(actor.WorkspaceId, messageKey, ct))
        {
            return await AnswerAsync(actor, text, messageKey, ct) ?? new TurnResult([]);
        }

        // Words that did not fit their question, corrected as the person was told to.
        foreach (var d in await turn.Store.ListOpenAsync(actor.WorkspaceId, actor.Channel, ct))
        {
            if (await refused.CorrectAsync(actor, d.Id, messageKey, text, ct) is { } corrected)
            {
                return corrected;
            }
        }

        return new TurnResult([]);
    }

    /// <summary>The person deleted a message in their private chat: if it gave an answer, they are told it is kept.</summary>
    public async Task<TurnResult> DeletedAsync(Actor actor, string messageKey, string deliveryKey, CancellationToken ct) =>
        await GivenByAsync(actor, messageKey, ct) is { } given
            ? await messages.DeletedAsync(actor, given.DeliberationId, messageKey, deliveryKey, ct)
            : new TurnResult([]);

    /// <summary>The answer the message gave, by name or anonymously, unless it has been changed since.</summary>
    private Task<Answer?> GivenByAsync(Actor actor, string messageKey, CancellationToken ct) =>
        turn.Store.FindAnswerGivenByAsync(
            actor.WorkspaceId, [messageKey, turn.AnswerSource(actor.WorkspaceId, anonymous: true, messageKey)], ct);
}
