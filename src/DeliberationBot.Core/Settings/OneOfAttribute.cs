using System.ComponentModel.DataAnnotations;

namespace DeliberationBot.Core.Settings;

/// <summary>A text setting that must be one of a few words (any case); the message names the setting, the choices and what was given.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OneOfAttribute(string setting, params string[] allowed) : ValidationAttribute
{
    public IReadOnlyList<string> Allowed { get; } = allowed;

    /// <summary>An empty or missing value is accepted (it means the default).</summary>
    public bool AllowBlank { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        var text = value as string;
        if ((AllowBlank && string.IsNullOrWhiteSpace(text)) || Allowed.Contains(text ?? "", StringComparer.OrdinalIgnoreCase))
        {
            return ValidationResult.Success;
        }

        var choices = Allowed.Count == 1 ? Allowed[0] : string.Join(", ", Allowed.Take(Allowed.Count - 1)) + " or " + Allowed[^1];
        return new ValidationResult(
            $"{setting} must be {choices} (it is '{text}').{(ErrorMessage is { } more ? " " + more : "")}",
            validationContext.MemberName is { } member ? [member] : null);
    }
}
