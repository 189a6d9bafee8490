using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace DeliberationBot.Storage;

public enum StorageProvider
{
    Sqlite,
    Postgres,
}

public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default, a file under ./data/) or <c>Postgres</c> (needs ConnectionStrings:Deliberations).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    public string SqlitePath { get; set; } = "data/deliberations.db";

    /// <summary>PostgreSQL connection string, bound from <c>ConnectionStrings:Deliberations</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>Password</c> (default) or <c>ManagedIdentity</c>: Entra authentication to Azure Database for PostgreSQL.</summary>
    public PostgresAuthentication PostgresAuthentication { get; set; } = PostgresAuthentication.Password;

    /// <summary>The client id of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Apply pending migrations at start-up.</summary>
    public bool ApplyMigrations { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "Storage:Provider is Postgres but ConnectionStrings:Deliberations is empty. Set it, e.g. " +
                "ConnectionStrings__Deliberations=\"Host=localhost;Database=deliberations;Username=bot;Password=...\", or use Storage:Provider=Sqlite.",
                [nameof(ConnectionString)]);
        }

        if (Provider == StorageProvider.Postgres && PostgresAuthentication == PostgresAuthentication.ManagedIdentity && !string.IsNullOrWhiteSpace(ConnectionString))
        {
            foreach (var problem in ManagedIdentityProblems(ConnectionString))
            {
                yield return new ValidationResult(problem, [nameof(ConnectionString)]);
            }
        }

        // Set and silently unused, it would leave an operator believing the data is in PostgreSQL.
        if (Provider == StorageProvider.Sqlite && !string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"A connection string is set (ConnectionStrings:Deliberations or Storage:ConnectionString), but Storage:Provider is Sqlite, so it would not be used: the database would be the file at Storage:SqlitePath ({SqlitePath}). " +
                "To use PostgreSQL, set Storage:Provider=Postgres; to use SQLite, remove the connection string.",
                [nameof(ConnectionString)]);
        }

        if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
        {
            yield return new ValidationResult("Storage:SqlitePath must name a file, e.g. data/deliberations.db.", [nameof(SqlitePath)]);
        }
    }

    private static IEnumerable<string> ManagedIdentityProblems(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            return [$"ConnectionStrings:Deliberations is not a valid PostgreSQL connection string: {e.Message}"];
        }

        var problems = new List<string>();
        if (!string.IsNullOrEmpty(builder.Password))
        {
            problems.Add("ConnectionStrings:Deliberations has a Password, but Storage:PostgresAuthentication is ManagedIdentity: the identity's access token is the password. Remove Password from the connection string.");
        }

        if (string.IsNullOrWhiteSpace(builder.Username))
        {
            problems.Add("ConnectionStrings:Deliberations needs Username=<the managed identity's name as registered on the server> with Storage:PostgresAuthentication=ManagedIdentity.");
        }

        if (builder.SslMode is SslMode.Disable or SslMode.Allow or SslMode.Prefer)
        {
            problems.Add("ConnectionStrings:Deliberations must use SSL Mode=Require or VerifyFull with Storage:PostgresAuthentication=ManagedIdentity: an access token must never cross the network in clear text.");
        }

        return problems;
    }
}
