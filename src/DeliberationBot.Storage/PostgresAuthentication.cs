using Azure.Core;
using Azure.Identity;
using Npgsql;

namespace DeliberationBot.Storage;

public enum PostgresAuthentication
{
    /// <summary>The password in the connection string (or none, where the server trusts the client).</summary>
    Password,

    /// <summary>Microsoft Entra: a managed identity's access token is the password, renewed before it expires.</summary>
    ManagedIdentity,
}

/// <summary>
/// Gets the access tokens Azure Database for PostgreSQL accepts as passwords for Entra principals. The connection's
/// user name is the identity's name as registered on the server (an Entra administrator or role).
/// </summary>
internal sealed class PostgresAccessTokens(TokenCredential credential)
{
    /// <summary>The scope of Azure Database for PostgreSQL (and MySQL) in the public cloud.</summary>
    public const string Scope = "https://ossrdbms-aad.database.windows.net/.default";

    /// <summary>A token lives an hour or more; the credential caches it, so asking every half hour keeps it fresh.</summary>
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);

    public static PostgresAccessTokens ForManagedIdentity(string? clientId) => new(string.IsNullOrWhiteSpace(clientId)
        ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
        : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));

    public void Apply(NpgsqlDataSourceBuilder builder) =>
        builder.UsePeriodicPasswordProvider(async (_, ct) => (await credential.GetTokenAsync(new TokenRequestContext([Scope]), ct)).Token, Refresh, RetryAfterFailure);
}
