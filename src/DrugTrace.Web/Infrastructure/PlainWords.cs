using DrugTrace.Application.Common.Exceptions;

namespace DrugTrace.Web.Infrastructure;

/// <summary>Turns what a use case threw into a sentence for the page; unexpected failures never show their internals.</summary>
public static class PlainWords
{
    public const string Unexpected = "Something went wrong on our side. Nothing was changed; please try again, and tell support if it keeps happening.";

    public static string For(Exception exception) => exception switch
    {
        ValidationException v => string.Join(" ", v.Errors.SelectMany(e => e.Value).DefaultIfEmpty(v.Message)),
        ForbiddenAccessException f => "You are not allowed to do this. " + f.Message,
        UnauthenticatedException => "Your sign-in is no longer valid. Please sign in again.",
        NotFoundException n => n.Message,
        ConflictException c => c.Message,
        StoreUnavailableException s => s.Message,
        OperationCanceledException => "Cancelled.",
        _ => Unexpected,
    };

    /// <summary>Is it a mistake the person can fix (shown as a warning), rather than a fault?</summary>
    public static bool IsExpected(Exception exception) =>
        exception is ValidationException or ForbiddenAccessException or UnauthenticatedException
            or NotFoundException or ConflictException or OperationCanceledException;
}
