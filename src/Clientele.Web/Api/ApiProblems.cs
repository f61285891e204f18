using System.Data.Common;
using Clientele.Storage;
using Clientele.Storage.Events;
using Clientele.Storage.Import;
using Clientele.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Clientele.Web.Api;

/// <summary>
/// Turns the user's mistakes into ProblemDetails with the same message the command line prints: a
/// <see cref="WorkspaceException"/> is a 400 (a 404 for <see cref="NotFoundException"/>; a 501 for
/// <see cref="NotOnPostgresException"/>, what a PostgreSQL workspace cannot do yet in this build), a failed import lists every
/// error with its file, line and column under <c>errors</c>, a refused event batch every error with its list, index and
/// field (<see cref="EventError"/>). A change that lost to another committed at the same time on the same rows (a second server
/// of one PostgreSQL database, or a <c>clientele</c> command beside the server) is a 409: its transaction was rolled back, and
/// it may be tried again. A PostgreSQL workspace whose server does not answer or went away during the request
/// (<see cref="WorkspaceUnavailableException"/>, a lost connection however it surfaces) is a 503 that says so, with the
/// words the command line prints. Memory, disk space or the PostgreSQL server's resources run out
/// (<see cref="OutOfResourcesException"/>) is a 507 for the disk and a 503 for the others, in the command line's words too.
/// Anything else is a 500 with no detail leaked.
/// </summary>
internal sealed class ApiProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (WorkspaceUnavailableException.From(exception, context.RequestServices.GetRequiredService<WorkspaceHost>().Path) is { } unavailable)
        {
            return await Write(context, new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Workspace unavailable",
                Detail = unavailable.Message,
            });
        }
        if (OutOfResourcesException.From(exception, context.RequestServices.GetRequiredService<WorkspaceHost>().Path) is { } exhausted)
        {
            return await Write(context, new ProblemDetails
            {
                Status = exhausted.Resource == Resource.Disk ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status503ServiceUnavailable,
                Title = exhausted.Resource switch
                {
                    Resource.Disk => "Out of disk space",
                    Resource.Memory => "Out of memory",
                    _ => "The database server ran out of resources",
                },
                Detail = exhausted.Message,
            });
        }
        if (exception is BadHttpRequestException bad)
            return await Write(context, new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message });
        if (exception is DbException { SqlState: UniqueViolation or SerializationFailure or Deadlock })
        {
            return await Write(context, new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Changed at the same time",
                Detail = "another change to the same rows (through another server of this workspace, or a clientele command) was stored first, " +
                         "and nothing of this one was stored. Try again.",
            });
        }
        if (exception is not WorkspaceException known) return false;
        var problem = new ProblemDetails
        {
            Status = known switch
            {
                NotFoundException => StatusCodes.Status404NotFound,
                NotOnPostgresException => StatusCodes.Status501NotImplemented,
                _ => StatusCodes.Status400BadRequest,
            },
            Title = known switch
            {
                NotFoundException => "Not found",
                NotOnPostgresException => "Not on PostgreSQL in this build",
                ImportFailedException => "The file was not imported",
                EventBatchRefusedException => "The events were not stored",
                _ => "Bad request",
            },
            Detail = known.Message,
        };
        if (known is ImportFailedException failed)
        {
            problem.Extensions["errors"] = failed.Errors.Select(ImportProblem.From).ToArray();
            problem.Extensions["totalErrors"] = failed.TotalErrors;
        }
        if (known is EventBatchRefusedException refused)
        {
            problem.Extensions["errors"] = refused.Errors;
            problem.Extensions["totalErrors"] = refused.TotalErrors;
        }
        return await Write(context, problem);
    }

    // PostgreSQL's codes (SQLSTATE) for a change that lost to another committed at the same time; its transaction was rolled back.
    private const string UniqueViolation = "23505";
    private const string SerializationFailure = "40001";
    private const string Deadlock = "40P01";

    private async ValueTask<bool> Write(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

/// <summary>One error of a refused import, as the command line reports it.</summary>
/// <param name="File">The file's name as uploaded.</param>
/// <param name="Line">The line (1 is the first line of the file, header included).</param>
/// <param name="Column">The column (1 is the first), or 0 when the error concerns the whole line.</param>
/// <param name="ColumnName">The column's header, or null.</param>
/// <param name="Value">The value found, or null.</param>
/// <param name="Expected">What was expected.</param>
/// <param name="Message">The whole error as one line: <c>file:line:column: ...</c>.</param>
public sealed record ImportProblem(string File, long Line, int Column, string? ColumnName, string? Value, string Expected, string Message)
{
    internal static ImportProblem From(ImportError error) =>
        new(error.File, error.Line, error.Column, error.ColumnName, error.Value, error.Expected, error.ToString());
}

