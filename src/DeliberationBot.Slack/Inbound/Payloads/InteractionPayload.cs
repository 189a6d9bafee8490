namespace DeliberationBot.Slack.Inbound.Payloads;

/// <summary>
/// An interactivity payload (the form field <c>payload</c>, or a Socket Mode "interactive" envelope): block_actions,
/// view_submission, view_closed and the kinds we only acknowledge share this shape; each reads the fields it has.
/// </summary>
internal sealed record InteractionPayload(
    string Type,
    PayloadUser User,
    PayloadTeam? Team = null,
    string? TriggerId = null,
    PayloadChannel? Channel = null,
    ActionContainer? Container = null,
    PayloadMessage? Message = null,
    IReadOnlyList<BlockAction>? Actions = null,
    SlackView? View = null)
{
    /// <summary>Org-wide installs may send no team; the user's team is the workspace then.</summary>
    public string? TeamId => Team?.Id ?? User.TeamId;
}

internal sealed record PayloadUser(string Id, string? Username = null, string? Name = null, string? TeamId = null);

internal sealed record PayloadTeam(string? Id = null);

internal sealed record PayloadChannel(string? Id = null);

/// <summary>Where a block action happened: a message (<c>type</c> "message") or a modal ("view").</summary>
internal sealed record ActionContainer(string? Type = null, string? ChannelId = null, string? MessageTs = null, string? ViewId = null);

internal sealed record PayloadMessage(string? Ts = null, string? ThreadTs = null, IReadOnlyList<MessageBlock>? Blocks = null);

/// <summary>A block of the message a button was pressed on: only its id is read (a concerns message says in it which it is).</summary>
internal sealed record MessageBlock(string? BlockId = null);

/// <summary>One pressed button or chosen option: buttons carry <c>value</c>, selects <c>selected_option</c>.</summary>
internal sealed record BlockAction(string ActionId, string? BlockId = null, string? Value = null, SelectedOption? SelectedOption = null);

internal sealed record SelectedOption(string? Value = null);

/// <summary>A modal as Slack reports it back: which of ours it is (callback id, metadata), its version (hash) and its inputs.</summary>
internal sealed record SlackView(string Id, string? CallbackId = null, string? PrivateMetadata = null, string? Hash = null, ViewState? State = null);
