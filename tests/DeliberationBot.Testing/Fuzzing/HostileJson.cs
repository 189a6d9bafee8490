using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace DeliberationBot.Testing;

/// <summary>
/// Generators for what an attacker or a broken client might put in a request: string values that are hostile (lone
/// surrogates, control characters, huge or empty strings), JSON of random shape with keys the platforms use, overlong
/// nesting and plain junk. JSON is written by hand so escapes such as "\ud800" reach the service exactly as sent.
/// </summary>
public static class HostileJson
{
    /// <summary>String contents, already JSON-escaped.</summary>
    public static readonly string[] Pieces =
    [
        "", "a", "start quick-check \\\"Fuzz\\\"", "help", "status", "close", "export", "\\ud800", "\\udfff", "x\\udc00y",
        "\\ud83d\\ude00", "😀", "\\u0000", "\\n\\t", "<@U0USER|x>", "<!channel>", "\\\"", "\\\\", "T0TEST", "C0TEST", "U0USER",
        "1700000000.000100", "answer", "answer_change", "question_jump", "decision_open", "deliberation_start",
        "deliberation_group", "deliberation_question", "concern_text", "decision", "block_actions", "view_submission",
        "shortcut", "event_callback", "url_verification", "message", "app_mention", "00000000-0000-0000-0000-000000000000",
        new string('a', 3000), "é", "%", "&payload=", "-1", "1e309", "null", "adaptiveCard/action", "Action.Execute",
        "msteams", "personal", "channel", "groupChat", "29:fuzz", "start", "join", "flag", "respond", "accept", "decide",
    ];

    private static readonly string[] Keys =
    [
        "type", "team", "team_id", "id", "user", "user_id", "channel", "channel_id", "text", "ts", "thread_ts", "event",
        "actions", "action_id", "value", "view", "state", "values", "private_metadata", "callback_id", "trigger_id",
        "command", "challenge", "event_id", "selected_option", "block_id", "message", "container", "hash", "",
        "verb", "data", "action", "deliberationId", "questionId", "group", "anonymous", "answer", "concernId", "name",
        "aadObjectId", "conversationType", "tenantId", "entities", "timezone",
    ];

    public static Gen<string> Str => Gen.Elements(Pieces).Select(p => "\"" + p + "\"");

    private static Gen<string> Scalar => Gen.OneOf(
        Str,
        Gen.Choose(-5, 5).Select(n => n.ToString(CultureInfo.InvariantCulture)),
        Gen.Elements("true", "false", "null", "1.5e308", "-0"));

    /// <summary>A JSON value of bounded depth whose keys are mostly ones Slack or Teams use.</summary>
    public static Gen<string> Value(int depth) => depth <= 0
        ? Scalar
        : Gen.OneOf(
            Scalar,
            Scalar,
            Gen.ListOf(Value(depth - 1)).Select(items => "[" + string.Join(",", items.Take(4)) + "]"),
            Object(depth - 1));

    private static Gen<string> Member(int depth) =>
        from key in Gen.Elements(Keys)
        from value in Value(depth)
        select "\"" + key + "\":" + value;

    public static Gen<string> Object(int depth) => Gen.ListOf(Member(depth)).Select(members => "{" + string.Join(",", members.Take(6)) + "}");

    public static Gen<string> Nesting =>
        from depth in Gen.Choose(20, 3000)
        from open in Gen.Elements("[", "{\"event\":")
        select string.Concat(Enumerable.Repeat(open, depth)) + "1" + new string(open == "[" ? ']' : '}', depth);

    public static Gen<string> Junk => Gen.ArrayOf(Gen.Choose(0, 255)).Select(bytes => Encoding.Latin1.GetString([.. bytes.Take(200).Select(b => (byte)b)]));
}
