using System.Text;
using System.Text.RegularExpressions;

namespace DeliberationBot.Host.Tests.Deployment;

/// <summary>Just enough of the ARM template expression language to read function calls and their arguments.</summary>
internal static partial class ArmExpression
{
    /// <summary>Whether a template string is an expression ("[...]"), not a literal (which may escape as "[[").</summary>
    public static bool IsExpression(string value) => value.StartsWith('[') && !value.StartsWith("[[", StringComparison.Ordinal) && value.EndsWith(']');

    public static string Body(string value) => value[1..^1].Trim();

    /// <summary>Names passed to parameters('…') or variables('…') anywhere in an expression.</summary>
    public static IEnumerable<string> References(string expression, string function) =>
        Reference().Matches(expression).Where(m => m.Groups[1].Value == function).Select(m => m.Groups[2].Value);

    /// <summary>A call "name(a, b(c), 'd')" as its name and its top-level arguments, whitespace removed outside strings.</summary>
    public static (string Name, List<string> Args)? Call(string expression)
    {
        var open = expression.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !expression.EndsWith(')'))
        {
            return null;
        }

        var args = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        var quoted = false;
        foreach (var c in expression[(open + 1)..^1])
        {
            if (c == '\'')
            {
                quoted = !quoted;
            }

            if (!quoted && c is '(' or '[')
            {
                depth++;
            }
            else if (!quoted && c is ')' or ']')
            {
                depth--;
            }

            if (!quoted && depth == 0 && c == ',')
            {
                args.Add(current.ToString());
                current.Clear();
            }
            else if (quoted || !char.IsWhiteSpace(c))
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            args.Add(current.ToString());
        }

        return (expression[..open].Trim(), args);
    }

    /// <summary>
    /// The segments of a resource name: "[format('{0}/{1}', a, 'b')]" gives [a, 'b'], "[variables('x')]" gives
    /// [variables('x')] and a literal "a/b" gives ['a', 'b'].
    /// </summary>
    public static List<string> NameSegments(string name)
    {
        if (!IsExpression(name))
        {
            return [.. name.Split('/').Select(s => $"'{s}'")];
        }

        var body = Body(name);
        if (Call(body) is ("format", var args) && args[0].StartsWith('\'') && args[0].Contains('/', StringComparison.Ordinal))
        {
            return [.. args[0].Trim('\'').Split('/').Select(part => Placeholder().Match(part) is { Success: true } m ? args[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1] : $"'{part}'")];
        }

        return [Call("x(" + body + ")")!.Value.Args[0]];
    }

    [GeneratedRegex(@"\b(parameters|variables)\('([^']+)'\)")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^\{(\d+)\}$")]
    private static partial Regex Placeholder();
}
