using DrugTrace.Application.Common.Interfaces;
using DrugTrace.Application.Common.Security;
using DrugTrace.Application.Common.Validation;
using DrugTrace.Domain.Gs1;
using DrugTrace.Domain.Packs;
using DrugTrace.Domain.Parties;
using Mediator;
using Microsoft.Extensions.Options;

namespace DrugTrace.Application.Stock;

/// <summary>
/// The caller's own stock, one line per product and lot: how many packs are available, how many
/// are held (locked or quarantined), and whether the lot expires soon. Only the caller's custody
/// is ever read, so no filter can reveal another party's stock.
/// </summary>
public sealed record GetStock(string ActorGln, string? Gtin = null, string? Lot = null, string? ExpiringBefore = null, int Skip = 0, int Take = 50)
    : IRequest<StockPage>, IActorRequest
{
    public const int MaxTake = 500;

    /// <summary>expiringBefore as a date (yyyy-MM-dd); null when not given. The validator has checked it.</summary>
    public DateOnly? ExpiringBeforeDate =>
        string.IsNullOrWhiteSpace(ExpiringBefore) ? null : DateOnly.ParseExact(ExpiringBefore.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record StockLine(
    string Gtin, string? ProductName, string Lot, DateOnly Expiry, int Available, int Held, bool Recalled, bool NearExpiry, bool Expired)
{
    public int Total => Available + Held;
}

public sealed record StockPage(int Lines, int Packs, int Skip, int Take, DateOnly NearExpiryBefore, IReadOnlyList<StockLine> Items);

public sealed class GetStockValidator : IValidator<GetStock>
{
    public IEnumerable<(string Field, string Message)> Validate(GetStock request)
    {
        if (request.Gtin is not null && Gs1Fields.GtinError(request.Gtin) is { } gtin) yield return ("gtin", gtin);
        if (request.Lot is not null && Gs1Fields.Set82Error("lot", request.Lot) is { } lot) yield return ("lot", lot);
        if (!string.IsNullOrWhiteSpace(request.ExpiringBefore)
            && !DateOnly.TryParseExact(request.ExpiringBefore.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out _))
            yield return ("expiringBefore", $"'{request.ExpiringBefore}' is not a date: write it as yyyy-MM-dd, for example 2027-06-30.");
        if (request.Skip < 0) yield return ("skip", "skip cannot be negative.");
        if (request.Take is < 1 or > GetStock.MaxTake) yield return ("take", $"take must be 1 to {GetStock.MaxTake}.");
    }
}

public sealed class GetStockHandler(ICustodyQueries custody, ICatalogStore catalog, IActorContext context, IOptions<StockOptions> options, TimeProvider clock)
    : IRequestHandler<GetStock, StockPage>
{
    public async ValueTask<StockPage> Handle(GetStock request, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var nearBefore = today.AddDays(options.Value.NearExpiryDays);
        var gtin = request.Gtin is null ? null : Gtin.Parse(request.Gtin).Value;
        var counts = await custody.CountStockAsync(context.Actor.Gln, new StockFilter(gtin, request.Lot, request.ExpiringBeforeDate), cancellationToken);

        // Few lines per party (products x lots), so grouping and paging here keeps both stores simple.
        var groups = counts
            .GroupBy(c => (c.Gtin, c.Lot, c.Expiry))
            .OrderBy(g => g.Key.Expiry).ThenBy(g => g.Key.Gtin, StringComparer.Ordinal).ThenBy(g => g.Key.Lot, StringComparer.Ordinal)
            .ToList();
        var items = new List<StockLine>();
        foreach (var g in groups.Skip(request.Skip).Take(request.Take))
        {
            var product = await catalog.FindProductAsync(g.Key.Gtin, cancellationToken);
            var lot = await catalog.FindLotAsync(g.Key.Gtin, g.Key.Lot, cancellationToken);
            var available = g.Where(c => c.Status == PackStatus.Active).Sum(c => c.Count);
            items.Add(new StockLine(g.Key.Gtin, product?.Name, g.Key.Lot, g.Key.Expiry, available, g.Sum(c => c.Count) - available,
                lot?.IsRecalled ?? false, g.Key.Expiry < nearBefore && g.Key.Expiry >= today, g.Key.Expiry < today));
        }
        return new StockPage(groups.Count, counts.Sum(c => c.Count), request.Skip, request.Take, nearBefore, items);
    }
}
