using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace DeliberationBot.Host.Composition;

/// <summary>
/// The Data Protection key ring lives in the database beside what it protects (Slack bot tokens, export links). With a
/// certificate the keys are encrypted with it, so a copy of the database alone does not reveal the tokens. The
/// certificate is a PFX file (<c>DataProtection:CertificatePath</c>) or the PFX itself in base64
/// (<c>DataProtection:Certificate</c>, which is what an App Service Key Vault reference to a certificate yields); its
/// password, if any, is <c>DataProtection:CertificatePassword</c>.
/// </summary>
internal static class KeyRingProtection
{
    public static IServiceCollection AddKeyRingProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        var inline = configuration["DataProtection:Certificate"];
        if (!string.IsNullOrWhiteSpace(path) && !string.IsNullOrWhiteSpace(inline))
        {
            throw new SettingException("Set DataProtection:CertificatePath or DataProtection:Certificate, not both.");
        }

        var (certificate, origin) = (path, inline) switch
        {
            ({ Length: > 0 }, _) => (FromFile(path, configuration["DataProtection:CertificatePassword"]), path),
            (_, { Length: > 0 }) => (FromBase64(inline, configuration["DataProtection:CertificatePassword"]), "DataProtection:Certificate"),
            _ => (null, ""),
        };
        if (certificate is null)
        {
            return services;
        }

        if (!certificate.HasPrivateKey)
        {
            throw new SettingException($"The certificate in {origin} has no private key; Data Protection needs one to read its keys back.");
        }

        services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return services;
    }

    private static X509Certificate2 FromFile(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new SettingException($"DataProtection:CertificatePath points at {Path.GetFullPath(path)}, which does not exist. Give the path of a PFX file, or remove the setting.");
        }

        return Load(() => X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet), $"DataProtection:CertificatePath {path}");
    }

    private static X509Certificate2 FromBase64(string base64, string? password)
    {
        byte[] pfx;
        try
        {
            pfx = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new SettingException("DataProtection:Certificate must be a PFX in base64 (e.g. base64 -w0 keys.pfx), or a Key Vault reference to a certificate.");
        }

        return Load(() => X509CertificateLoader.LoadPkcs12(pfx, password, X509KeyStorageFlags.EphemeralKeySet), "DataProtection:Certificate");
    }

    private static X509Certificate2 Load(Func<X509Certificate2> load, string origin)
    {
        try
        {
            return load();
        }
        catch (CryptographicException e)
        {
            throw new SettingException($"{origin} could not be opened ({e.Message}). Check DataProtection:CertificatePassword.", e);
        }
    }
}
