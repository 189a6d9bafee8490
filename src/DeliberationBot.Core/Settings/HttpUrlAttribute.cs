using System.ComponentModel.DataAnnotations;

namespace DeliberationBot.Core.Settings;

/// <summary>An absolute http(s) URL, when given; the message names the setting, shows an example and what was given.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute(string setting, string example) : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var text = value as string;
        if (string.IsNullOrWhiteSpace(text) || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            return ValidationResult.Success;
        }

        return new ValidationResult(
            $"{setting} must be an absolute http(s) URL such as {example} (it is '{text}').{(ErrorMessage is { } more ? " " + more : "")}",
            validationContext.MemberName is { } member ? [member] : null);
    }
}
