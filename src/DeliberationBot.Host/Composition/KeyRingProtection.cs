using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace DeliberationBot.Host.Composition;

/// <summary>
/// The Data Protection key ring lives in the database beside what it protects (Slack bot tokens, export links). With
/// <c>DataProtection:CertificatePath</c> (a PFX, password in <c>DataProtection:CertificatePassword</c>) the keys are
/// encrypted with that certificate, so a copy of the database alone does not reveal the tokens.
/// </summary>
internal static class KeyRingProtection
{
    public static IServiceCollection AddKeyRingProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var path = configuration["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return services;
        }

        if (!File.Exists(path))
        {
            throw new SettingException($"DataProtection:CertificatePath points at {Path.GetFullPath(path)}, which does not exist. Give the path of a PFX file, or remove the setting.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new SettingException($"DataProtection:CertificatePath {path} could not be opened ({e.Message}). Check DataProtection:CertificatePassword.", e);
        }

        if (!certificate.HasPrivateKey)
        {
            throw new SettingException($"The certificate in {path} has no private key; Data Protection needs one to read its keys back.");
        }

        services.AddDataProtection().ProtectKeysWithCertificate(certificate);
        return services;
    }
}
