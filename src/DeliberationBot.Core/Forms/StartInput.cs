using System.Globalization;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

namespace DeliberationBot.Core.Forms;

/// <summary>The start form's inputs as a platform received them: the chosen values as text, the owners already resolved.</summary>
public sealed record StartFormFields(string? Flow, string? Title, string? Description, IReadOnlyList<UserRef> Owners, string? Due, string? Anonymity);

/// <summary>The one reading of the start form, and the rules every start request meets however it was made.</summary>
public static class StartInput
{
    public static (StartRequest? Request, FormProblem? Problem) Read(StartFormFields input, DateOnly today)
    {
        if (input.Flow?.Trim() is not { Length: > 0 } flow)
        {
            return (null, new FormProblem(FormField.Flow, FormTexts.ChooseFlow));
        }

        DateOnly? due = null;
        if (input.Due?.Trim() is { Length: > 0 } dueText)
        {
            if (!DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return (null, new FormProblem(FormField.Due, FormTexts.NotADate(dueText)));
            }

            due = date;
        }

        var description = input.Description?.Trim() is { Length: > 0 } d ? d : null;
        var request = new StartRequest(flow, input.Title?.Trim() ?? "", description, [.. input.Owners.DistinctBy(o => o.Id)], due, Anonymity(input.Anonymity));
        return Check(request, today) is { } problem ? (null, problem) : (request, null);
    }

    /// <summary>A title of at most 200 characters and a deadline from today on.</summary>
    public static FormProblem? Check(StartRequest request, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(request.Title))
        {
            return new FormProblem(FormField.Title, FormTexts.NeedsTitle);
        }

        if (request.Title.Length > 200)
        {
            return new FormProblem(FormField.Title, FormTexts.TitleTooLong);
        }

        return request.Due is { } due && due < today ? new FormProblem(FormField.Due, FormTexts.DeadlinePassed(due)) : null;
    }

    /// <summary>Accepts the policy's name in any case, with or without separators ("anonymous_only", "AnonymousOnly"); anything else is named.</summary>
    private static AnonymityPolicy Anonymity(string? value)
    {
        var name = (value ?? "").Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return Enum.TryParse<AnonymityPolicy>(name, ignoreCase: true, out var policy) && Enum.IsDefined(policy) && !int.TryParse(name, out _)
            ? policy
            : AnonymityPolicy.Named;
    }
}
