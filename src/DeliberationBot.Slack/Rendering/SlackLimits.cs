namespace DeliberationBot.Slack.Rendering;

/// <summary>Slack's documented size limits (Block Kit reference), kept in one place.</summary>
internal static class SlackLimits
{
    public const int TextObject = 3000;
    public const int FieldText = 2000;
    public const int Fields = 10;
    public const int HeaderText = 150;
    public const int MessageBlocks = 50;
    public const int ModalBlocks = 100;

    /// <summary>A modal's view as JSON, with room to spare below Slack's 250 KB (view_too_large).</summary>
    public const int ViewBytes = 200_000;
    public const int ModalTitle = 24;
    public const int ButtonText = 75;
    public const int OptionText = 75;
    public const int OptionValue = 150;
    public const int ButtonValue = 2000;
    public const int OptionDescription = 75;
    public const int InputLabel = 2000;
    public const int InputHint = 2000;
    public const int PlainTextInputMax = 3000;
    public const int PrivateMetadata = 3000;
    public const int RadioOrCheckboxOptions = 10;
    public const int SelectOptions = 100;

    /// <summary>A block's <c>block_id</c>; a longer one fails the whole message.</summary>
    public const int BlockId = 255;

    /// <summary>Fallback <c>text</c> of a message (Slack cuts at 40,000; aim low).</summary>
    public const int FallbackText = 3000;

    /// <summary>The undocumented cumulative cap on text in one message's blocks (msg_blocks_too_long near 12,000).</summary>
    public const int MessageBlockTextBudget = 11000;
}
