using System.Text.Json.Nodes;
using DeliberationBot.Core.Concerns;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Teams.Cards;

/// <summary>Links to pages and files: the record's export, a person's own page, the public page and its contacts.</summary>
internal static class LinkCards
{
    public static JsonObject Export(ExportLink link) => Card.New(
        [
            Card.Text($"The record of \"{CardText.Escape(link.Title)}\"", weight: "Bolder"),
            Card.Text($"The links work until {CardText.LocalTime(link.Expires)}.", subtle: true),
        ],
        [
            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Markdown", ["url"] = link.Markdown.AbsoluteUri },
            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "JSON", ["url"] = link.Json.AbsoluteUri },
        ]);

    public static JsonObject Report(Core.Reports.ReportLink link) => Card.New(
        [
            Card.Text($"Your page for \"{CardText.Escape(link.Title)}\"", weight: "Bolder"),
            Card.Text($"The link is yours alone and works until {CardText.LocalTime(link.Expires)}; please don't forward it.", subtle: true),
        ],
        [new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the page", ["url"] = link.Page.AbsoluteUri }]);

    public static JsonObject CommunityLink(Core.Community.CommunityInvitationLink c) => Card.New(
        [
            Card.Text($"Public link for community members to answer \"{CardText.Escape(c.Title)}\"", weight: "Bolder"),
            Card.Text(c.Page.AbsoluteUri),
            Card.Text(CardText.Escape(string.Join(" ", Core.Messaging.PlainTextRenderer.CommunityLinkLines(c).Skip(3))), subtle: true),
        ],
        [
            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "Open the page", ["url"] = c.Page.AbsoluteUri },
            new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = "QR code (PNG)", ["url"] = c.QrCode.AbsoluteUri },
        ]);

    /// <summary>The addresses, as typed by the public, escaped: one line each.</summary>
    public static JsonObject CommunityContacts(Core.Community.CommunityContactList c) => Card.New(
        [.. Core.Messaging.PlainTextRenderer.CommunityContactLines(c).Select((line, i) => Card.Text(CardText.Escape(line.Trim()), weight: i == 0 ? "Bolder" : null))]);
}
