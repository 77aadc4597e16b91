using DrugTrace.Web.Infrastructure;
using Microsoft.AspNetCore.Components;

namespace DrugTrace.Web.Components.Shared;

/// <summary>
/// The one error path of the pages: a use case's expected failure (bad input, not allowed, not
/// found, a conflict, a cancel) becomes the plain words of <see cref="PlainWords"/> for the page to
/// show; anything else is a fault and is not caught here, so it never shows its internals as text.
/// </summary>
public abstract class PageBase : ComponentBase
{
    /// <summary>
    /// Runs <paramref name="work"/>. Returns null when it went through, or when
    /// <paramref name="handled"/> dealt with the failure itself (say, field errors); else the words to show.
    /// </summary>
    protected static async Task<string?> ProblemOfAsync(Func<Task> work, Func<Exception, bool>? handled = null)
    {
        try
        {
            await work();
            return null;
        }
        catch (Exception ex) when (PlainWords.IsExpected(ex))
        {
            return handled?.Invoke(ex) == true ? null : PlainWords.For(ex);
        }
    }

    /// <inheritdoc cref="ProblemOfAsync"/>
    protected static string? ProblemOf(Action work) =>
        ProblemOfAsync(() =>
        {
            work();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
}
