using System.Text.Json;
using DrugTrace.Application.Common.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DrugTrace.Web.Infrastructure;

/// <summary>Turns every failure into ProblemDetails with words a person can act on; never a stack trace.</summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problems, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            ValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = 400,
                Title = "The request is not valid",
                Detail = v.Message,
            },
            BadHttpRequestException b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = "The request could not be read",
                Detail = Describe(b),
            },
            UnauthenticatedException u => Problem(401, "Not signed in", u.Message),
            ForbiddenAccessException f => Problem(403, "Not allowed", f.Message),
            NotFoundException n => Problem(404, "Not found", n.Message),
            ConflictException c => Problem(409, "Conflict", c.Message),
            RequestInProgressException r => Problem(409, "Still running", r.Message),
            IdempotencyKeyReusedException k => Problem(422, "Idempotency-Key used for another request", k.Message),
            StoreUnavailableException s => Problem(503, "The store cannot write", s.Message),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };
        if (details is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested) return true;
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            details = Problem(500, "Something went wrong", "The server could not complete this request. Nothing was changed by it; try again, and tell support if it keeps happening.");
        }
        if (exception is StoreUnavailableException) logger.LogError(exception, "The store refused a write on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = details.Status ?? 500;
        if (exception is RequestInProgressException) httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>
    /// What is wrong with an unreadable request, in words that name the field (a JSON path) and never one
    /// of our types: the framework's own messages say "could not be converted to System.Int32" or name the
    /// parameter's C# type, which tells a caller about the code, not about their request.
    /// </summary>
    internal static string Describe(BadHttpRequestException b) => b.InnerException switch
    {
        JsonException j when j.Message.Contains("could not be converted", StringComparison.Ordinal) =>
            j.Path is { Length: > 1 } path ? $"The value at {path} has the wrong type (a number, text, true/false or a list where another was expected)."
                : "The body is JSON of the wrong shape: send an object with the documented fields.",
        JsonException j => $"The body is not valid JSON{(j.Path is { Length: > 1 } p ? $" (at {p})" : "")}: {Scrub(j.Message.Split(" Path:")[0])}",
        _ when b.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            && (b.Message.Contains("Implicit", StringComparison.OrdinalIgnoreCase) || b.Message.Contains("Required", StringComparison.OrdinalIgnoreCase))
            => "The request needs a JSON body.",
        _ when b.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) || b.Message.Contains("content type", StringComparison.OrdinalIgnoreCase)
            => "Send the body as JSON (Content-Type: application/json).",
        _ when b.Message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) && QuotedName(b.Message) is { } name
            => $"The value of '{name}' could not be read; check its form.",
        _ => Scrub(b.Message),
    };

    // "Failed to bind parameter "int skip" from "x"." -> "skip"
    private static string? QuotedName(string message)
    {
        var start = message.IndexOf('"');
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        return end < 0 ? null : message[(start + 1)..end].Split(' ')[^1];
    }

    /// <summary>Any namespace-qualified type name left in a framework message is replaced by a neutral word.</summary>
    private static string Scrub(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"(System|DrugTrace|Microsoft)(\.[A-Za-z_][A-Za-z0-9_`]*)+(\[\])?", "a value");
}
