using DeliberationBot.Host.Composition;
using System.Security.Cryptography;
using DeliberationBot.Storage;

namespace DeliberationBot.Host.Privacy;

/// <summary>
/// The key for anonymous participants' pseudonyms: <c>Privacy:PseudonymKey</c> (base64, at least 32 bytes), or for the
/// single-instance SQLite default a key generated once into a file beside the database.
/// </summary>
internal static class PseudonymKey
{
    public static byte[] Load(IConfiguration configuration)
    {
        var configured = configuration["Privacy:PseudonymKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new SettingException("Privacy:PseudonymKey is not base64. Generate one with: openssl rand -base64 32");
            }

            return key.Length >= 32 ? key : throw new SettingException("Privacy:PseudonymKey must be at least 32 bytes (44 base64 characters). Generate one with: openssl rand -base64 32");
        }

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.Sqlite)
        {
            throw new SettingException(
                "Privacy:PseudonymKey is required with Storage:Provider=Postgres, so every instance gives an anonymous participant the same pseudonym. Generate one with: openssl rand -base64 32");
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
