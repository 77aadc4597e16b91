using System.Reflection;
using Mediator;

namespace DrugTrace.Application.Tests.TestDoubles;

/// <summary>An <see cref="ISender"/> that hands each request to one function and keeps the requests it was sent.</summary>
public class ForwardingSender : DispatchProxy
{
    public List<object> Sent { get; } = [];

    public Func<object, CancellationToken, object>? Handle { get; set; }

    public static (ISender Sender, ForwardingSender Proxy) Create(Func<object, CancellationToken, object> handle)
    {
        var sender = Create<ISender, ForwardingSender>();
        var proxy = (ForwardingSender)(object)sender;
        proxy.Handle = handle;
        return (sender, proxy);
    }

    /// <summary>A handler's reply as the proxy returns it: the ValueTask itself, boxed once.</summary>
    public static object Reply<T>(ValueTask<T> reply) => reply;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod?.Name != "Send" || args is not [{ } request, CancellationToken token])
            throw new NotSupportedException($"Only Send is forwarded, not {targetMethod?.Name}.");
        Sent.Add(request);
        return Handle!(request, token);
    }
}
