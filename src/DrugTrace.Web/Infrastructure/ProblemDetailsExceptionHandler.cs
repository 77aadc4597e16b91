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
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static string Describe(BadHttpRequestException b) => b.InnerException switch
    {
        JsonException j => $"The body is not valid JSON{(j.Path is { Length: > 1 } p ? $" (at {p})" : "")}: {j.Message.Split(" Path:")[0]}",
        _ when b.Message.Contains("body", StringComparison.OrdinalIgnoreCase) && b.Message.Contains("Implicit", StringComparison.OrdinalIgnoreCase)
            => "The request needs a JSON body.",
        _ => b.Message,
    };
}
