using System.Net;
using static DeliberationBot.Host.Tests.Community.CommunityVisitor;

namespace DeliberationBot.Host.Tests.Community;

/// <summary>Answers that break one of Core's answer rules, told to the reader in their own language (Spanish here).</summary>
public sealed partial class CommunityAbuseTests
{
    [Fact]
    public async Task A_broken_answer_rule_is_told_in_Spanish_keeping_what_was_written_and_a_good_answer_moves_on()
    {
        var link = await InviteAsync();
        _http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        await AssertRefusedAsync(await AnswerAsync(_http, link, "can-appeal"), "Elija una respuesta");
        await AssertRefusedAsync(await AnswerAsync(_http, link, "can-appeal", ("choice", "quizás")), "Elija una respuesta");
        await AssertRefusedAsync(await AnswerAsync(_http, link, "can-appeal", ("choice", "yes"), ("choice", "no")), "Elija una respuesta");
        using var good = await AnswerAsync(_http, link, "can-appeal", ("choice", "no"));
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Contains("/q/appeal-what-would-change?lang=es", good.Headers.Location?.OriginalString, StringComparison.Ordinal);

        await AssertRefusedAsync(await AnswerAsync(_http, link, "appeal-what-would-change", ("text", "  ")), "Escriba su respuesta o salte esta pregunta");
        var tooLong = await AnswerAsync(_http, link, "appeal-what-would-change", ("text", "Que una persona revise " + new string('x', 2000)));
        var page = await AssertRefusedAsync(tooLong, "Escriba menos de 2000 caracteres");
        Assert.Contains("Que una persona revise xxx", page, StringComparison.Ordinal);
        // "No" raised a concern: the reader is told that the people in charge read this answer with it.
        Assert.Contains("junto con la preocupaci", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(_http, link, "appeal-what-would-change", ("text", "Que una persona revise cada caso."))).StatusCode);

        var answers = (await Store.ListAnswersAsync(Ws, link.DeliberationId, default)).ToDictionary(a => a.QuestionId);
        Assert.Equal(["no"], answers["can-appeal"].Value.Choices);
        Assert.Equal("Que una persona revise cada caso.", answers["appeal-what-would-change"].Value.Text);
    }

    private static async Task<string> AssertRefusedAsync(HttpResponseMessage response, string message)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(message, html, StringComparison.Ordinal);
            Assert.Contains("lang=\"es\"", html, StringComparison.Ordinal);
            return html;
        }
    }
}
