using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DeliberationBot.Core.Exports;
using DeliberationBot.Host.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DeliberationBot.Host.Tests.Startup;

public sealed class KeyRingProtectionTests
{
    public static TheoryData<string> CertificateForms => ["file", "base64"];

    [Theory]
    [MemberData(nameof(CertificateForms))]
    public void With_a_certificate_the_key_ring_in_the_database_is_encrypted_and_still_works(string form)
    {
        var pfx = CreatePfx(out var folder);
        using var factory = new BotFactory(form == "file"
            ? new() { ["DataProtection:CertificatePath"] = pfx, ["DataProtection:CertificatePassword"] = "s3cret" }
            // As a Key Vault reference to a certificate gives it: the PFX in base64.
            : new() { ["DataProtection:Certificate"] = Convert.ToBase64String(File.ReadAllBytes(pfx)), ["DataProtection:CertificatePassword"] = "s3cret" });
        factory.CreateClient().Dispose();
        var links = factory.Services.GetRequiredService<IExportLinkSigner>();
        var id = Guid.NewGuid();

        var link = links.Sign("T-AGENCY", id, "Proposal");
        var token = Uri.UnescapeDataString(link.Json.Query.Split("token=")[1]);

        Assert.Equal(("T-AGENCY", id), links.Verify(token));
        var keys = KeyRing(factory.Folder);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
        folder.Delete(recursive: true);
    }

    [Fact]
    public void A_missing_certificate_stops_start_up_naming_the_setting()
    {
        using var factory = new BotFactory(new() { ["DataProtection:CertificatePath"] = "/nowhere/keys.pfx" }, kestrel: false);
        var e = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("DataProtection:CertificatePath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_is_not_base64_stops_start_up_saying_what_it_must_be()
    {
        using var factory = new BotFactory(new() { ["DataProtection:Certificate"] = "not a certificate" }, kestrel: false);
        var e = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("DataProtection:Certificate must be a PFX in base64", e.Message, StringComparison.Ordinal);
    }

    private static List<string> KeyRing(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "bot.db")}");
        connection.Open();
        using var select = new SqliteCommand("SELECT \"Xml\" FROM data_protection_keys", connection);
        using var reader = select.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private static string CreatePfx(out DirectoryInfo folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=DeliberationBot key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        folder = Directory.CreateTempSubdirectory("keyring-");
        var path = Path.Combine(folder.FullName, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "s3cret"));
        return path;
    }
}
