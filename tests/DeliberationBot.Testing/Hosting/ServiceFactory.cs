using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DeliberationBot.Testing;

/// <summary>
/// The real service (<typeparamref name="TProgram"/> is DeliberationBot.Host's Program), on Kestrel over loopback unless
/// told otherwise, configured only through <see cref="Settings"/> (a null setting is one left out). Its clock is a
/// <see cref="FakeTimeProvider"/> that starts at the real time, because ASP.NET Data Protection checks real time; its
/// log lines go to <see cref="Logs"/>; its SQLite file, when it has one, is in a scratch folder deleted with the
/// factory. Each test project's factory adds what its platform needs.
/// </summary>
public abstract class ServiceFactory<TProgram> : WebApplicationFactory<TProgram>
    where TProgram : class
{
    private readonly Lazy<ScratchFolder> _folder;
    private readonly string _environment;

    /// <param name="kestrel">
    /// Serve over loopback HTTP (the default). Tests of start-up failures pass false: with Kestrel, the factory's own
    /// port lookup after a failed start can hide the start-up exception behind an ObjectDisposedException.
    /// </param>
    protected ServiceFactory(string folderPrefix, FakeTimeProvider? time = null, ListLoggerProvider? logs = null, string environment = "Production", bool kestrel = true)
    {
        _folder = new(() => new ScratchFolder(folderPrefix));
        _environment = environment;
        Time = time ?? new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        Logs = logs ?? new ListLoggerProvider();
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>The settings the service starts with.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The scratch folder, for the service's SQLite file and whatever else it writes.</summary>
    public string Folder => _folder.Value.FullName;

    public string DatabasePath => _folder.Value.PathOf("bot.db");

    /// <summary>The PostgreSQL database the service uses, when the settings chose PostgreSQL.</summary>
    public string? PostgresConnectionString =>
        string.Equals(Settings.GetValueOrDefault("Storage:Provider"), "Postgres", StringComparison.OrdinalIgnoreCase) ? Settings.GetValueOrDefault("ConnectionStrings:Deliberations") : null;

    public FakeTimeProvider Time { get; }

    public ListLoggerProvider Logs { get; }

    /// <summary>What the container was built from, for the tests that resolve every registration.</summary>
    public IReadOnlyList<ServiceDescriptor> Registrations { get; private set; } = [];

    /// <summary>Whether the host's own log providers (the console) stay beside <see cref="Logs"/>.</summary>
    protected virtual bool KeepsHostLogging => false;

    /// <summary>A fresh SQLite file in the scratch folder, a new pseudonym key and the shipped flows.</summary>
    protected Dictionary<string, string?> DefaultSettings() => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:SqlitePath"] = DatabasePath,
        ["Privacy:PseudonymKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Flows:Directory"] = Repository.FlowsDirectory,
    };

    /// <summary>Sets <paramref name="settings"/> over what is there.</summary>
    protected void Apply(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        foreach (var (key, value) in settings ?? [])
        {
            Settings[key] = value;
        }
    }

    /// <summary>The platform's own services, after the clock is replaced and before the registrations are recorded.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual void ConfigureLogging(ILoggingBuilder logging)
    {
    }

    protected sealed override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings.Where(s => s.Value is not null))
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment(_environment);
        builder.ConfigureLogging(logging =>
        {
            if (!KeepsHostLogging)
            {
                logging.ClearProviders();
            }

            logging.AddProvider(Logs);
            ConfigureLogging(logging);
        });
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            ConfigureServices(services);
            Registrations = [.. services];
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_folder.IsValueCreated)
        {
            _folder.Value.Dispose();
        }
    }
}
