using System.ComponentModel.DataAnnotations;

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

        if (Provider == StorageProvider.Sqlite && string.IsNullOrWhiteSpace(SqlitePath))
        {
            yield return new ValidationResult("Storage:SqlitePath must name a file, e.g. data/deliberations.db.", [nameof(SqlitePath)]);
        }
    }
}
