using System.Net;
using System.Text.RegularExpressions;
using DeliberationBot.Core.Community;
using DeliberationBot.Host.Tests.Support;

namespace DeliberationBot.Host.Tests.Community;

/// <summary>A visitor of the public page over real loopback HTTP: their browser, a question's form, and posting it.</summary>
internal static partial class CommunityVisitor
{
    /// <summary>A form's antiforgery token and the submission id that makes a repeated post count once.</summary>
    public sealed record Form(string Token, string Submission);

    /// <summary>One visitor's browser: its own cookies, redirects left for the test to see.</summary>
    public static HttpClient Browser(BotFactory factory) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = factory.ClientOptions.BaseAddress };

    public static async Task<Form> FormAsync(HttpClient http, CommunityInvitationLink link, string question) =>
        FormOf(await http.GetStringAsync($"{link.Page.PathAndQuery}/q/{question}"));

    /// <summary>The first form's hidden fields in a page's HTML.</summary>
    public static Form FormOf(string html) => new(Hidden().Match(html).Groups[1].Value, Submission().Match(html).Groups[1].Value);

    public static async Task<HttpResponseMessage> AnswerAsync(HttpClient http, CommunityInvitationLink link, string question, params (string Name, string Value)[] fields) =>
        await PostAsync(http, link, question, await FormAsync(http, link, question), fields);

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, CommunityInvitationLink link, string question, Form form, params (string Name, string Value)[] fields) =>
        http.PostAsync($"{link.Page.PathAndQuery}/q/{question}", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", form.Token), new("submission", form.Submission), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex Hidden();

    [GeneratedRegex("name=\"submission\" value=\"([^\"]+)\"")]
    public static partial Regex Submission();
}
