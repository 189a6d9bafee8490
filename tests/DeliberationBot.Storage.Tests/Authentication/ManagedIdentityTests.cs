using System.ComponentModel.DataAnnotations;
using Azure.Core;
using DeliberationBot.Storage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DeliberationBot.Storage.Tests.Authentication;

/// <summary>
/// Entra authentication to Azure Database for PostgreSQL: the managed identity's token is the password. Azure is not
/// reachable here, so a recording credential stands in for the identity; the test server trusts loopback clients, so
/// it proves the connection goes through the token provider, not that a server checked the token.
/// </summary>
public sealed class ManagedIdentityTests
{
    [SkippableFact]
    public async Task With_managed_identity_connections_take_their_password_from_the_identity_and_migrations_run()
    {
        PostgresServer.SkipUnlessConfigured();
        await using var database = await PostgresScratchDatabase.CreateAsync();
        var credential = new RecordingCredential("token-" + Guid.NewGuid().ToString("N"));
        var options = Options.Create(new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            ConnectionString = database.ConnectionString,
            PostgresAuthentication = PostgresAuthentication.ManagedIdentity,
        });
        var db = new DbFactory(options, new PostgresAccessTokens(credential));

        await new DatabaseSchema(db, options).PrepareAsync(default);
        await using var ctx = db.Create();
        var connection = (NpgsqlConnection)ctx.Database.GetDbConnection();
        await connection.OpenAsync();

        Assert.Equal(0, await ctx.Outbox.CountAsync());
        Assert.NotEmpty(credential.Scopes);
        Assert.All(credential.Scopes, scopes => Assert.Equal([PostgresAccessTokens.Scope], scopes));
    }

    [Theory]
    [InlineData("Host=pg.example.org;Database=d;Username=bot;Password=secret;SSL Mode=Require", "Remove Password")]
    [InlineData("Host=pg.example.org;Database=d;SSL Mode=Require", "needs Username=")]
    [InlineData("Host=pg.example.org;Database=d;Username=bot;SSL Mode=Disable", "SSL Mode=Require or VerifyFull")]
    public void A_connection_string_unfit_for_managed_identity_is_refused_with_what_to_change(string connectionString, string expected)
    {
        var options = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString, PostgresAuthentication = PostgresAuthentication.ManagedIdentity };

        var results = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(results, r => r.ErrorMessage!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_fit_connection_string_passes()
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            ConnectionString = "Host=pg.example.org;Database=deliberations;Username=deliberationbot-id;SSL Mode=VerifyFull",
            PostgresAuthentication = PostgresAuthentication.ManagedIdentity,
        };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    private sealed class RecordingCredential(string token) : TokenCredential
    {
        private readonly List<string[]> _scopes = [];

        public IEnumerable<string[]> Scopes
        {
            get
            {
                lock (_scopes)
                {
                    return [.. _scopes];
                }
            }
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Issue(requestContext);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(Issue(requestContext));

        private AccessToken Issue(TokenRequestContext context)
        {
            lock (_scopes)
            {
                _scopes.Add(context.Scopes);
            }

            return new AccessToken(token, DateTimeOffset.MaxValue);
        }
    }
}
