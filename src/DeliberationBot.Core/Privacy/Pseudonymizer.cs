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

    /// <summary>
    /// What an anonymous answer keeps of the message that gave it (a delivery key), so that editing the message in the
    /// person's private chat can change the answer, while the answer keeps nothing that says which chat it came from.
    /// The same in every deliberation of a workspace: an edit names the message, not the deliberation.
    /// </summary>
    public string ForSource(string workspaceId, string deliveryKey)
    {
        var mac = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"source\n{workspaceId}\n{deliveryKey}"));
        return "anon-source:" + Convert.ToHexStringLower(mac)[..32];
    }
}
