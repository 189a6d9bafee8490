using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DeliberationBot.Storage;

/// <summary>Applies migrations at start-up (when configured) and answers readiness checks.</summary>
public sealed class DatabaseSchema
{
    private readonly DbFactory _db;
    private readonly StorageOptions _options;

    internal DatabaseSchema(DbFactory db, IOptions<StorageOptions> options)
    {
        _db = db;
        _options = options.Value;
    }

    public StorageProvider Provider => _options.Provider;

    public string Describe() => _options.Provider == StorageProvider.Sqlite
        ? $"SQLite at {Path.GetFullPath(_options.SqlitePath)}"
        : "PostgreSQL";

    public async Task PrepareAsync(CancellationToken ct)
    {
        await using var ctx = _db.Create();
        // Migrate only when something is pending: on a database already up to date, EF's Migrate still compares the
        // model with the migrations' snapshot and takes the migration lock, a large part of every start.
        if (_options.ApplyMigrations && (await ctx.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            await ctx.Database.MigrateAsync(ct);
        }

        if (_db.Provider == StorageProvider.Sqlite)
        {
            // WAL lets readers carry on while a turn writes.
            await ctx.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>True when the database answers and the schema is in place.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            await using var ctx = _db.Create();
            return await ctx.Database.CanConnectAsync(ct) && !(await ctx.Database.GetPendingMigrationsAsync(ct)).Any();
        }
        // DbException covers both providers' errors without naming Npgsql, which a service on SQLite never loads.
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }
}
