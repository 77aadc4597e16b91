using System.Security.Claims;
using DrugTrace.Application.Common.Exceptions;
using DrugTrace.Application.Labels;
using DrugTrace.Application.Lots;
using DrugTrace.Application.Packs;
using DrugTrace.Web.Infrastructure;
using DrugTrace.Web.Labels;
using Mediator;
using Microsoft.Extensions.Options;

namespace DrugTrace.Web.Endpoints;

/// <summary>Printable pack labels: one pack's label as SVG, a lot's labels as an A4 sheet.</summary>
public static class LabelEndpoints
{
    /// <summary>At most this many labels per sheet request (48 pages); page through larger lots with skip.</summary>
    public const int MaxSheetLabels = 1008;

    public static RouteGroupBuilder MapLabelEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/packs/{gtin}/{serial}/label.svg", async (string gtin, string serial, string? code, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var kind = CodeOf(code);
                var pack = await mediator.Send(new GetPackForLabel(http.User.GlnOf(), gtin, serial), ct);
                http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.LabelPolicy;
                return Results.Text(LabelRenderer.PackLabelSvg(pack, kind, DigitalLinkBase(http)), "image/svg+xml; charset=utf-8");
            })
            .WithTags("Labels")
            .WithSummary("A pack's label as SVG (brand owner or regulator): GS1 DataMatrix (or ?code=digital-link-qr / digital-link-datamatrix) with GTIN, serial, lot and expiry in words.");

        api.MapGet("/lots/{gtin}/{lot}/labels", async (string gtin, string lot, string? code, int? skip, int? take, HttpContext http, IMediator mediator, CancellationToken ct) =>
            {
                var kind = CodeOf(code);
                var count = take ?? LabelSheet.PerPage * 10;
                if (count is < 1 or > MaxSheetLabels)
                    throw new ValidationException("take", $"take must be 1 to {MaxSheetLabels} labels per sheet; use skip for the next ones.");
                var packs = await LotPacksAsync(mediator, http.User.GlnOf(), gtin, lot, skip ?? 0, count, ct);
                http.Response.Headers.ContentSecurityPolicy = SecurityHeaders.LabelPolicy;
                return Results.Content(LabelSheet.Document($"Labels of lot {packs.Lot} ({packs.Gtin})", packs.Packs, kind, DigitalLinkBase(http)), "text/html; charset=utf-8");
            })
            .WithTags("Labels")
            .WithSummary("A lot's pack labels as a printable A4 HTML sheet (21 per page), brand owner or regulator; skip/take page through large lots.");
        return api;
    }

    /// <summary>Reads a lot's packs in pages of the use case's maximum.</summary>
    public static async Task<LotPacksPage> LotPacksAsync(IMediator mediator, string actor, string gtin, string lot, int skip, int take, CancellationToken ct)
    {
        var first = await mediator.Send(new GetLotPacks(actor, gtin, lot, skip, Math.Min(take, GetLotPacks.MaxTake)), ct);
        var packs = new List<PackView>(first.Packs);
        while (packs.Count < take && skip + packs.Count < first.Total)
        {
            var next = await mediator.Send(new GetLotPacks(actor, gtin, lot, skip + packs.Count, Math.Min(take - packs.Count, GetLotPacks.MaxTake)), ct);
            if (next.Packs.Count == 0) break;
            packs.AddRange(next.Packs);
        }
        return first with { Packs = packs, Take = take };
    }

    public static LabelCode CodeOf(string? code) =>
        LabelContent.ParseCode(code) ?? throw new ValidationException("code", $"'{code}' is not a label code; use one of: {LabelContent.CodeChoices}.");

    /// <summary>Digital Links point at <c>Labels:DigitalLinkBase</c>, checked at start; never at the request's Host header.</summary>
    public static string DigitalLinkBase(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<LabelOptions>>().Value.DigitalLinkBase!.TrimEnd('/');
}
