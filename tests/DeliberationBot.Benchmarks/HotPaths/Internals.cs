using System.Linq.Expressions;
using System.Reflection;

namespace DeliberationBot.Benchmarks.HotPaths;

/// <summary>
/// The adapters keep their hot paths internal (visible only to their own test projects), and the benchmarks must not
/// change production code to see them. So a benchmark binds to the real method once, at set-up, by name: a delegate
/// made from it costs a call and allocates nothing, so what is measured is the method itself.
/// </summary>
internal static class Internals
{
    public static Type Type(string assembly, string fullName) =>
        System.Type.GetType($"{fullName}, {assembly}", throwOnError: true)!;

    /// <summary>A delegate of type <typeparamref name="TDelegate"/> over a method of <paramref name="target"/> (or a static one of <paramref name="type"/>).</summary>
    public static TDelegate Bind<TDelegate>(Type type, string method, object? target = null)
        where TDelegate : Delegate
    {
        var flags = BindingFlags.Public | BindingFlags.NonPublic | (target is null ? BindingFlags.Static : BindingFlags.Instance);
        var parameters = typeof(TDelegate).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType).ToArray();
        var info = type.GetMethods(flags).Single(m => m.Name == method && m.GetParameters().Length == parameters.Length);
        return (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), target, info);
    }

    /// <summary>
    /// A static method of <paramref name="type"/> taking <typeparamref name="TArg"/>, whose other parameters are internal
    /// types the caller cannot name and get their defaults (null); then, if named, a method of its result
    /// (<paramref name="then"/>, e.g. the payload of a rendered message). Compiled once, so each call is direct.
    /// </summary>
    public static Func<TArg, TResult> Call<TArg, TResult>(Type type, string method, string? then = null)
    {
        var info = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Single(m => m.Name == method && m.GetParameters()[0].ParameterType == typeof(TArg));
        var arg = Expression.Parameter(typeof(TArg));
        var rest = info.GetParameters().Skip(1).Select(p => (Expression)Expression.Constant(null, p.ParameterType));
        Expression call = Expression.Call(info, [arg, .. rest]);
        if (then is not null)
        {
            call = Expression.Call(call, call.Type.GetMethod(then, System.Type.EmptyTypes)!);
        }

        return Expression.Lambda<Func<TArg, TResult>>(call, arg).Compile();
    }

    public static object? Property(object target, string name) =>
        target.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(target);
}
