using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Host.Tests.Support;

/// <summary>
/// The people of the journeys through the running service, in one agency workspace and its review channel: Dana
/// facilitates, Maria owns the proposal, Ana answers by name, Sam anonymously (his name is what must never leak), Eve
/// is in the workspace but not in the deliberation.
/// </summary>
public static class Cast
{
    public const string Ws = "T-AGENCY";

    public static readonly ConversationRef Room = new("test", Ws, "C-REVIEW");
    public static readonly Actor Dana = new("test", Ws, new UserRef("U-DANA", "Dana"));
    public static readonly Actor Maria = new("test", Ws, new UserRef("U-MARIA", "Maria"));
    public static readonly Actor Ana = new("test", Ws, new UserRef("U-ANA", "Ana"));
    public static readonly Actor Sam = new("test", Ws, new UserRef("U-SAM", "Sam Secret"));
    public static readonly Actor Eve = new("test", Ws, new UserRef("U-EVE", "Eve"));
}
