using FsCheck;
using FsCheck.Fluent;

namespace DeliberationBot.Slack.Tests.Fuzzing;

/// <summary>Slack-shaped request bodies with hostile values (see <see cref="HostileJson"/>), arbitrary JSON, overlong nesting and junk.</summary>
internal static class HostileBodies
{
    private static Gen<string> Str => HostileJson.Str;

    private static Gen<string> Object(int depth) => HostileJson.Object(depth);

    private static Gen<string> Value(int depth) => HostileJson.Value(depth);

    private static Gen<string> Nesting => HostileJson.Nesting;

    private static Gen<string> Junk => HostileJson.Junk;


    private static Gen<string> EventEnvelope =>
        from type in Gen.Elements("message", "app_mention", "app_home_opened", "member_joined_channel")
        from user in Str
        from text in Str
        from thread in Str
        from extra in Object(2)
        select $"{{\"type\":\"event_callback\",\"team_id\":\"T0TEST\",\"event_id\":{thread},\"event\":{{\"type\":\"{type}\",\"user\":{user},\"text\":{text},\"channel\":\"C0TEST\",\"ts\":\"1700000001.000200\",\"thread_ts\":{thread},\"extra\":{extra}}}}}";

    private static Gen<string> Interaction =>
        from type in Gen.Elements("block_actions", "view_submission", "view_closed", "shortcut")
        from action in Str
        from value in Str
        from view in Object(3)
        select $"{{\"type\":\"{type}\",\"team\":{{\"id\":\"T0TEST\"}},\"user\":{{\"id\":\"U0USER\",\"name\":{value}}},\"channel\":{{\"id\":\"C0TEST\"}},\"trigger_id\":\"1.2.x\",\"actions\":[{{\"action_id\":{action},\"value\":{value},\"block_id\":{action}}}],\"view\":{view}}}";

    /// <summary>A JSON text as a form field: percent-encoded as UTF-8 (a lone surrogate escape survives as text).</summary>
    private static string Field(string name, string value) => name + "=" + Uri.EscapeDataString(value);

    private static Gen<string> Command =>
        from text in Gen.Elements(HostileJson.Pieces)
        from command in Gen.Elements("/deliberate", "/other", "")
        select string.Join('&', Field("command", command), Field("text", text), Field("team_id", "T0TEST"), Field("user_id", "U0USER"),
            Field("user_name", "fuzz"), Field("channel_id", "C0TEST"), Field("trigger_id", "1.2.x"), Field("response_url", "http://127.0.0.1:9/"));

    /// <summary>A content type and a body.</summary>
    public static Gen<(string ContentType, string Body)> Any => Gen.OneOf(
        EventEnvelope.Select(b => ("application/json", b)),
        Object(3).Select(b => ("application/json", b)),
        Value(3).Select(b => ("application/json", b)),
        Nesting.Select(b => ("application/json", b)),
        Interaction.Select(b => ("application/x-www-form-urlencoded", Field("payload", b))),
        Nesting.Select(b => ("application/x-www-form-urlencoded", Field("payload", b))),
        Command.Select(b => ("application/x-www-form-urlencoded", b)),
        from junk in Junk
        from type in Gen.Elements("application/json", "application/x-www-form-urlencoded", "text/plain")
        select (type, junk));
}
