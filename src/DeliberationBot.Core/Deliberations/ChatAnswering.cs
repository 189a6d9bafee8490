using DeliberationBot.Core.Commands;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Deliberations;

/// <summary>
/// Words typed to the bot in a person's private chat that are no command. Where the questions come in that chat (Teams),
/// people answer by typing as often as in the question's card: when the person is answering exactly one open
/// deliberation of the workspace (joined, questions left), the words answer its current question, as a reply in a
/// Slack thread does. The chat is the person's alone, so someone answering anonymously may answer this way too. In any
/// other case the words are what they were: an unknown command, which says it was not recorded.
/// </summary>
public sealed class ChatAnswering(TurnSupport turn, AnsweringService answering)
{
    /// <returns>The answer's result, or null when the words are not taken as an answer.</returns>
    public async Task<TurnResult?> AnswerAsync(Actor actor, string text, string deliveryKey, CancellationToken ct)
    {
        if (CommandParser.IsCommand(text))
        {
            return null;
        }

        var answeringNow = new List<Guid>();
        foreach (var d in await turn.Store.ListOpenAsync(actor.WorkspaceId, actor.Channel, ct))
        {
            if (await turn.FindParticipantAsync(actor, d.Id, ct) is { FinishedAt: null })
            {
                answeringNow.Add(d.Id);
            }
        }

        return answeringNow is [var only] ? await answering.AnswerTextAsync(actor, only, text, deliveryKey, ct) : null;
    }
}
