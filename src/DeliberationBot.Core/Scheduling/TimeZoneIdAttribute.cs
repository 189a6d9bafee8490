using System.ComponentModel.DataAnnotations;

namespace DeliberationBot.Core.Scheduling;

/// <summary>
/// An IANA time zone this machine knows (e.g. America/Chicago). A setting naming one it does not know would otherwise
/// fall back to UTC without a word, and people would be sent things hours off.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeZoneIdAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is not string id || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
