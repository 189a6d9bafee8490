using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace DeliberationBot.Slack.Installation;

/// <summary>The small page a person sees after installing: it worked, or what went wrong and what to do.</summary>
internal static class InstallPage
{
    public static IResult Show(int status, string title, string message) =>
        TypedResults.Content(
            $$"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{Html(title)}}</title>
            <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
            <body><h1>{{Html(title)}}</h1><p>{{Html(message)}}</p></body>
            </html>
            """,
            "text/html; charset=utf-8",
            statusCode: status);

    private static string Html(string text) => HtmlEncoder.Default.Encode(text);
}
