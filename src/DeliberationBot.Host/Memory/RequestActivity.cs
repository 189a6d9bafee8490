using DeliberationBot.Host.Health;

namespace DeliberationBot.Host.Memory;

/// <summary>
/// Counts the requests the service answers, so that background work can tell a quiet service from a busy one. Health
/// probes do not count: a platform probing every few seconds leaves the service quiet.
/// </summary>
internal sealed class RequestActivity : IStartupFilter
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public void Record() => Interlocked.Increment(ref _requests);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, inner) =>
        {
            if (!HealthEndpoints.IsProbe(context.Request.Path))
            {
                Record();
            }

            return inner(context);
        });
        next(app);
    };
}
