using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Storage.Tests.Support;

/// <summary>A real, empty database for one test: a SQLite file, or a fresh database on a real PostgreSQL server.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    protected abstract Dictionary<string, string?> Settings { get; }

    public abstract string Name { get; }

    /// <summary>A fresh container over the same database, as after a restart of the service.</summary>
    public async Task<ServiceProvider> StartServicesAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(Time)
            .AddLogging()
            .AddDeliberationStorage()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await services.GetRequiredService<DatabaseSchema>().PrepareAsync(CancellationToken.None);
        return services;
    }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly ScratchFolder _folder = new("deliberationbot-tests-");

    public override string Name => "SQLite";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = _folder.PathOf("test.db"),
    };

    public override Task InitializeAsync() => Task.CompletedTask;

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private PostgresScratchDatabase? _database;

    public override string Name => "PostgreSQL";

    protected override Dictionary<string, string?> Settings => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Deliberations"] = _database?.ConnectionString,
    };

    public override async Task InitializeAsync()
    {
        if (PostgresServer.Configured)
        {
            _database = await PostgresScratchDatabase.CreateAsync();
        }
    }

    public override async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Records what the outbox sends; can be told to fail.</summary>
public sealed class RecordingSender(string channel = "test") : IChannelSender
{
    private int _next;

    public string Channel => channel;

    public List<OutboxItem> Sent { get; } = [];

    public Queue<SendResult> Script { get; } = new();

    public Task<SendResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        lock (Sent)
        {
            if (Script.TryDequeue(out var scripted) && scripted.Status != SendStatus.Delivered)
            {
                return Task.FromResult(scripted);
            }

            Sent.Add(item);
            return Task.FromResult(SendResult.Delivered(item.PreviouslyPosted ?? new PostedMessage(item.Message.Destination.Conversation.ConversationId, $"ts{++_next}")));
        }
    }
}

public static class Dispatchers
{
    public static OutboxDispatcher For(ServiceProvider services, IChannelSender sender, TimeProvider time, OutboxOptions? options = null, OutboxSignal? signal = null) =>
        new(services.GetRequiredService<IOutboxStore>(), [sender], [], new DeliveryFailureNotices(services.GetRequiredService<IDeliberationStore>(), time), signal ?? new OutboxSignal(),
            Microsoft.Extensions.Options.Options.Create(options ?? new OutboxOptions()), time, NullLogger<OutboxDispatcher>.Instance);

    public static IDeliberationStore Store(this ServiceProvider services) => services.GetRequiredService<IDeliberationStore>();

    public static IOutboxStore Outbox(this ServiceProvider services) => services.GetRequiredService<IOutboxStore>();
}
