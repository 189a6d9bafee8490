using System.Security.Cryptography;
using System.Text;

namespace DeliberationBot.Core.Privacy;

/// <summary>
/// Keyed pseudonyms for anonymous participants: the same person gets the same pseudonym within one deliberation (so
/// they can edit their answers), but without the key nobody can tell who it is, and pseudonyms differ across deliberations.
/// </summary>
public sealed class Pseudonymizer
{
    private readonly byte[] _key;

    public Pseudonymizer(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("The pseudonym key must be at least 32 bytes.", nameof(key));
        }

        _key = key;
    }

    public string For(string workspaceId, Guid deliberationId, string userId)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{workspaceId}\n{deliberationId:N}\n{userId}"));
        return "anon:" + Convert.ToHexStringLower(mac)[..32];
    }
}
