using System.Security.Cryptography;
using DeliberationBot.Storage;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Host.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// The key for anonymous participants' pseudonyms (base64, at least 32 bytes). Optional with the single-instance
    /// SQLite default, which generates one once into a file beside the database.
    /// </summary>
    public string? PseudonymKey { get; set; }
}

/// <summary>The key's rules depend on the storage provider, so they are checked across both sections.</summary>
internal sealed class PrivacyOptionsValidator(IOptions<StorageOptions> storage) : IValidateOptions<PrivacyOptions>
{
    private const string Generate = "Generate one with: openssl rand -base64 32";

    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            return storage.Value.Provider == StorageProvider.Sqlite
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"Privacy:PseudonymKey is required with Storage:Provider=Postgres, so every instance gives an anonymous participant the same pseudonym. {Generate}");
        }

        var key = new byte[options.PseudonymKey.Length];
        if (!Convert.TryFromBase64String(options.PseudonymKey, key, out var length))
        {
            return ValidateOptionsResult.Fail($"Privacy:PseudonymKey is not base64. {Generate}");
        }

        return length >= 32
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Privacy:PseudonymKey must be at least 32 bytes (44 base64 characters). {Generate}");
    }
}

/// <summary>The configured key, or for the single-instance SQLite default a key generated once into a file beside the database.</summary>
internal static class PseudonymKey
{
    public static byte[] Load(PrivacyOptions privacy, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(privacy.PseudonymKey))
        {
            return Convert.FromBase64String(privacy.PseudonymKey);
        }

        var path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.SqlitePath))!, "pseudonym.key");
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var generated = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(generated));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return generated;
    }
}
